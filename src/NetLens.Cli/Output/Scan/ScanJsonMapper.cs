using NetLens.Core.Scanning;

namespace NetLens.Cli.Output.Scan;

/// <summary>A scan report as its JSON document.</summary>
public static class ScanJsonMapper
{
    public static ScanDocument ToJson(ScanReport report, Func<int, string> serviceName) => ToJson(report, (port, _) => serviceName(port));

    /// <summary>With service names per protocol.</summary>
    public static ScanDocument ToJson(ScanReport report, Func<int, PortProtocol, string> serviceName) => new(
        report.Mechanism,
        Math.Round(report.Elapsed.TotalSeconds, 3),
        report.HostsUp,
        [.. report.Hosts.Select(h => ToJson(h, serviceName))])
    {
        Interrupted = report.Interrupted ? true : null,
        Skipped = report.SkippedBroadcasts.Count > 0 ? [.. report.SkippedBroadcasts.Select(a => new ScanSkippedDocument(a.ToString(), "broadcast"))] : null,
    };

    private static ScanHostDocument ToJson(HostScanResult host, Func<int, PortProtocol, string> serviceName) => new(
        host.Host.Address.ToString(),
        host.Host.Name,
        host.IsUp ? "up" : "down",
        host.StatusReason.Word(),
        host.Latency?.TotalSeconds,
        [.. host.Ports.Select(p => new ScanPortDocument(p.Port, p.Protocol.Word(), p.State.Word(), p.Reason.Word(), serviceName(p.Port, p.Protocol)))],
        [.. PortListing.From(host.Ports).Hidden.Select(h => new ScanNotShownDocument(h.State.Word(), h.Count, h.Reasons.ToDictionary(r => r.Reason.Word(), r => r.Count)))]);
}
