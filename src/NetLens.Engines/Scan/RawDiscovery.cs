using System.Diagnostics;
using System.Net;
using NetLens.Core.Scanning;
using NetLens.Linux.Namespaces;
using NetLens.Linux.Scanning;

namespace NetLens.Engines.Scan;

/// <summary>Discovery over raw sockets (echo, SYN 443, ACK 80, timestamp), then the neighbour table for the silent.</summary>
internal sealed class RawDiscovery(RawProbeSession session, ScanTiming limits, SendRate rate, NetworkContext network, bool assumeUp) : IHostDiscovery
{
    public Task<IReadOnlyList<HostStatus?>> DiscoverAsync(IReadOnlyList<IPAddress> hosts, CancellationToken cancel)
    {
        var discovery = new RawHostDiscovery(session);
        if (assumeUp)
        {
            // -Pn: every host counts as up (user-set); the one round sent anyway only measures the RTT, so the port
            // scan's first probes wait for that instead of the 1 s initial timeout
            var measured = discovery.Discover(hosts, limits, rate, cancel, rounds: 1);
            return Task.FromResult<IReadOnlyList<HostStatus?>>([.. measured.Select(m => (HostStatus?)new HostStatus(true, PortReason.UserSet, m?.Latency))]);
        }

        var began = Stopwatch.GetTimestamp();
        var found = discovery.Discover(hosts, limits, rate, cancel);
        return Task.FromResult(NeighbourCheck.Apply(hosts, found, network, Stopwatch.GetElapsedTime(began), cancel));
    }
}
