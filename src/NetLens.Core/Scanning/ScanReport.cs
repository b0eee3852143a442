using System.Net;

namespace NetLens.Core.Scanning;

/// <summary>A whole scan: every host asked about, in target order, and how long it took.</summary>
public sealed record ScanReport(IReadOnlyList<HostScanResult> Hosts, TimeSpan Elapsed, string Mechanism)
{
    public int HostsUp => Hosts.Count(h => h.IsUp);

    /// <summary>How the TCP part probed (connect, syn, or raw for discovery alone); null when no TCP was scanned.</summary>
    public string? TcpMechanism { get; init; }

    /// <summary>The user asked to stop: <see cref="Hosts"/> holds what was settled by then (hosts never decided are left out).</summary>
    public bool Interrupted { get; init; }

    /// <summary>Target addresses never probed because the kernel knows them as broadcast addresses of this machine's links.</summary>
    public IReadOnlyList<IPAddress> SkippedBroadcasts { get; init; } = [];
}
