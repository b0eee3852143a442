namespace NetLens.Core.Doctor;

/// <summary>
/// Whether this host forwards what arrives on the interface doctor was told the packet comes in by (--iif): the
/// sysctl read and its value. The kernel routes no packet in by a device whose forwarding is 0.
/// </summary>
/// <remarks>Sysctl: The key as `sysctl` names it (net.ipv4.conf.DEV.forwarding; IPv6 forwards by net.ipv6.conf.all.forwarding).</remarks>
public sealed record ForwardingFact(string Device, string Sysctl, bool Forwards);
