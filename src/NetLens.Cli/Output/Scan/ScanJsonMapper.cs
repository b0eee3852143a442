using NetLens.Cli.Output.Json;
using NetLens.Core.Scanning;

namespace NetLens.Cli.Output.Scan;

/// <summary>A scan report as its JSON document.</summary>
public static class ScanJsonMapper
{
    public static ScanDocument ToJson(ScanReport report, Func<int, string> serviceName) => ToJson(report, (port, _) => serviceName(port));

    /// <summary>With service names per protocol.</summary>
    public static ScanDocument ToJson(ScanReport report, Func<int, PortProtocol, string> serviceName) => new(
        [.. report.Mechanism.Split('+', StringSplitOptions.RemoveEmptyEntries).Select(MechanismWords.Of)],
        Math.Round(report.Elapsed.TotalMilliseconds, 3),
        report.HostsUp,
        // --open leaves out what nmap's outputs leave out: hosts without an open port, and the ports not open
        [.. (report.OpenOnly ? report.ShownHosts : report.Hosts).Select(h => ToJson(h, report.Listing(h), report.OpenOnly, serviceName))])
    {
        OpenOnly = report.OpenOnly ? true : null,
        Interrupted = report.Interrupted ? true : null,
        Skipped = report.SkippedBroadcasts.Count > 0 ? [.. report.SkippedBroadcasts.Select(a => new ScanSkippedDocument(a.ToString(), "broadcast"))] : null,
    };

    private static ScanHostDocument ToJson(HostScanResult host, PortListing listing, bool openOnly, Func<int, PortProtocol, string> serviceName) => new(
        host.Host.Address.ToString(),
        host.Host.Name,
        host.IsUp ? "up" : "down",
        host.StatusReason.Word(),
        host.Latency is { } latency ? Math.Round(latency.TotalMilliseconds, 3) : null,
        [.. (openOnly ? listing.Shown : host.Ports).Select(p => new ScanPortDocument(p.Port, p.Protocol.Word(), p.State.Word(), p.Reason.Word(), serviceName(p.Port, p.Protocol)) { ReasonTtl = p.ReplyTtl })],
        [.. listing.Hidden.Select(h => new ScanNotShownDocument(h.State.Word(), h.Count, [.. h.Reasons.Select(r => new ScanReasonCountDocument(r.Reason.Word(), r.Count))]))])
    {
        ReasonTtl = host.StatusTtl,
        TimedOut = host.TimedOut ? true : null,
    };
}
