using NetLens.Core;
using NetLens.Core.Scanning;
using NetLens.Linux.Scanning;

namespace NetLens.Cli.Commands.Scan;

/// <summary>-sU's part of a scan: which UDP ports, and one host's UDP results added to what the TCP scan found.</summary>
internal static class UdpScanStep
{
    public const string Mechanism = "udp";

    /// <summary>-p's UDP ports, or the first --top/-F of netlens's UDP list (all of it when that is shorter).</summary>
    public static IReadOnlyList<int> Ports(ScanOptions options) =>
        options.UdpPorts ?? PortRanking.BuiltInUdp.Top(Math.Min(options.Top, PortRanking.BuiltInUdp.Ports.Count));

    public static HostScanResult AddTo(HostScanResult host, UdpScanner scanner, IReadOnlyList<int> ports, ScanTiming limits, CancellationToken cancel)
    {
        if (!host.IsUp || ports.Count == 0)
        {
            return host;
        }

        var found = scanner.Scan(host.Host.Address, ports, limits, UdpTiming.Default, cancel);
        return host with
        {
            Ports = [.. host.Ports, .. found.Ports],
            Latency = host.Latency ?? found.SmoothedRtt,
        };
    }

    /// <summary>A -p list qualified for UDP only leaves a TCP-only scan nothing to do: say so instead of scanning nothing.</summary>
    public static void CheckPorts(ScanOptions options, IReadOnlyList<int> tcpPorts)
    {
        if (!options.Udp && !options.DiscoveryOnly && tcpPorts.Count == 0)
        {
            throw new UsageException("-p names no TCP ports (U: ports need -sU)");
        }
    }
}
