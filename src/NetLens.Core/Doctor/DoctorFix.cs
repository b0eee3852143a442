namespace NetLens.Core.Doctor;

/// <summary>The host a fix is made on: this one, or the far side (entered with --peer-netns).</summary>
public enum FixHost
{
    Local,
    Peer,
}

/// <summary>
/// A firewall opening doctor proposes: `port open` of <paramref name="PortSpec"/> (PORT/PROTO or icmp/echo-request) in
/// one direction on one host; the front end words it as the command a user would type.
/// </summary>
/// <remarks>Direction: in or out, as `port open --direction` takes it.</remarks>
/// <remarks>Peer: The address the opening is limited to (the other end), when known.</remarks>
public sealed record DoctorFix(FixHost On, string PortSpec, string Direction, System.Net.IPAddress? Peer);
