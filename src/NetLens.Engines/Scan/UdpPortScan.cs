using System.Net;
using NetLens.Core.Scanning;
using NetLens.Linux.Scanning;

namespace NetLens.Engines.Scan;

/// <summary>-sU: connected UDP sockets with IP_RECVERR, one host after another.</summary>
internal sealed class UdpPortScan(UdpScanner scanner, ScanTiming limits) : IPortScan
{
    public string Mechanism => ScanEngine.UdpMechanism;

    public Task<IReadOnlyList<HostPorts?>> ScanAsync(IReadOnlyList<IPAddress> hosts, IReadOnlyList<TimeSpan?> rtts, IReadOnlyList<int> ports, IProgress<ScanProgress>? progress, CancellationToken cancel)
    {
        var results = new HostPorts?[hosts.Count];
        for (var i = 0; i < hosts.Count && !cancel.IsCancellationRequested; i++)
        {
            var found = scanner.Scan(hosts[i], ports, limits, UdpTiming.Default, cancel);
            results[i] = new HostPorts(found.Ports, found.SmoothedRtt) { TimedOut = found.TimedOut };
        }

        return Task.FromResult<IReadOnlyList<HostPorts?>>(results);
    }
}
