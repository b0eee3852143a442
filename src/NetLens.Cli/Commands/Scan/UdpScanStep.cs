using NetLens.Core;
using NetLens.Core.Scanning;

namespace NetLens.Cli.Commands.Scan;

/// <summary>-sU's ports as the options name them.</summary>
internal static class UdpScanStep
{
    /// <summary>-p's UDP ports, or the first --top/-F of netlens's UDP list (all of it when that is shorter).</summary>
    public static IReadOnlyList<int> Ports(ScanOptions options) =>
        options.UdpPorts ?? PortRanking.BuiltInUdp.Top(Math.Min(options.Top, PortRanking.BuiltInUdp.Ports.Count));

    /// <summary>A -p list qualified for UDP only leaves a TCP-only scan nothing to do: say so instead of scanning nothing.</summary>
    public static void CheckPorts(ScanOptions options, IReadOnlyList<int> tcpPorts)
    {
        if (!options.Udp && !options.DiscoveryOnly && tcpPorts.Count == 0)
        {
            throw new UsageException("-p names no TCP ports (U: ports need -sU)");
        }
    }
}
