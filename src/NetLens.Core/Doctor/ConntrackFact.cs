namespace NetLens.Core.Doctor;

/// <summary>
/// A namespace's connection-tracking table after the probes: nf_conntrack_count of nf_conntrack_max, read from
/// /proc/sys/net/netfilter. A full table drops every packet that would need a new entry (NETFILTER_DROP, the same
/// reason a rule's drop gives), so these numbers are what tell the two apart.
/// </summary>
/// <remarks>Name: The namespace as doctor names it (--netns or --peer-netns), or "this host".</remarks>
/// <remarks>Where: Local for doctor's own namespace, Peer for the far side's.</remarks>
public sealed record ConntrackFact(string Name, CauseLocation Where, long Count, long Max)
{
    /// <summary>Max 0 is "no limit" to the kernel.</summary>
    public bool Full => Max > 0 && Count >= Max;
}
