using NetLens.Core.Scanning;

namespace NetLens.Linux.Scanning;

/// <summary>What discovery learnt of one host: up or down, the answer that said so, and how long it took.</summary>
public readonly record struct HostStatus(bool IsUp, PortReason Reason, TimeSpan? Latency)
{
    /// <summary>The TTL of the answer that proved the host up, when a raw socket read it.</summary>
    public int? Ttl { get; init; }

    public static HostStatus Down => new(false, PortReason.NoResponse, null);
}
