namespace NetLens.Core.Scanning;

/// <summary>A whole scan: every host asked about, in target order, and how long it took.</summary>
public sealed record ScanReport(IReadOnlyList<HostScanResult> Hosts, TimeSpan Elapsed, string Mechanism)
{
    public int HostsUp => Hosts.Count(h => h.IsUp);
}
