namespace NetLens.Core.Doctor;

/// <summary>What stops the packet, in the words of doctor's JSON contract (snake_case there).</summary>
public enum CauseKind
{
    None,
    DnsFailure,
    NoRoute,
    RejectRoute,
    LocalFirewall,
    NeighbourFailed,
    PathUnreachable,
    PathFiltered,
    ForwardingDisabled,
    PeerFirewall,
    NoListener,
    ListenerAddress,
    WrongSource,
    RpFilter,
    MtuBlackhole,
    UnderlayBlocked,
    IcmpBlocked,
    ConntrackFull,
}

/// <summary>Where the cause sits: on this host, on the way, on the far side, or under the overlay.</summary>
public enum CauseLocation
{
    Local,
    Path,
    Peer,
    Underlay,
}

/// <summary>The verdict's reason: its kind, where, at which hop (when on the path), the evidence, and the rule that decided (when one did).</summary>
public sealed record DoctorCause(CauseKind Kind, CauseLocation Where, int? Hop, string Evidence, string? Rule)
{
    public static readonly DoctorCause None = new(CauseKind.None, CauseLocation.Local, null, "the destination answered", null);
}
