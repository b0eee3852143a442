using NetLens.Core.Scanning;

namespace NetLens.Linux.Scanning;

/// <summary>What discovery learnt of one host: up or down, the answer that said so, and how long it took.</summary>
public readonly record struct HostStatus(bool IsUp, PortReason Reason, TimeSpan? Latency)
{
    public static HostStatus Down => new(false, PortReason.NoResponse, null);
}
