namespace NetLens.Core.Scanning;

/// <summary>What a scan learnt about one host.</summary>
public sealed record HostScanResult
{
    public required ScanHost Host { get; init; }

    /// <summary>Up when discovery (or any port) got an answer, or when -Pn said to treat it as up.</summary>
    public required bool IsUp { get; init; }

    /// <summary>Why the host counts as up (syn-ack, conn-refused, user-set) or down (no-response).</summary>
    public required PortReason StatusReason { get; init; }

    /// <summary>The TTL of the reply that proved the host up, when a raw socket read it.</summary>
    public int? StatusTtl { get; init; }

    /// <summary>--host-timeout ran out before the host's ports were all settled: nmap reports none of them.</summary>
    public bool TimedOut { get; init; }

    /// <summary>The smoothed round-trip time; null when nothing answered.</summary>
    public TimeSpan? Latency { get; init; }

    /// <summary>Sorted by port number; empty for a host that is down.</summary>
    public IReadOnlyList<PortResult> Ports { get; init; } = [];
}
