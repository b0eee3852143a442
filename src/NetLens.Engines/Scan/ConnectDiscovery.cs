using System.Diagnostics;
using System.Net;
using NetLens.Core.Scanning;
using NetLens.Linux.Namespaces;
using NetLens.Linux.Scanning;

namespace NetLens.Engines.Scan;

/// <summary>Unprivileged discovery: connect to 80 and 443 (an accept or a refusal proves the host up), then the neighbour table.</summary>
internal sealed class ConnectDiscovery(ConnectScanner scanner, ScanTiming limits, NetworkContext network, bool assumeUp) : IHostDiscovery
{
    /// <summary>Hosts pinged at once (two sockets each).</summary>
    private const int ParallelPings = 32;

    public async Task<IReadOnlyList<HostStatus?>> DiscoverAsync(IReadOnlyList<IPAddress> hosts, CancellationToken cancel)
    {
        if (assumeUp)
        {
            return [.. hosts.Select(_ => (HostStatus?)new HostStatus(true, PortReason.UserSet, null))];
        }

        var began = Stopwatch.GetTimestamp();
        var statuses = new HostStatus?[hosts.Count];
        try
        {
            await Parallel.ForEachAsync(
                Enumerable.Range(0, hosts.Count),
                new ParallelOptions { MaxDegreeOfParallelism = ParallelPings, CancellationToken = cancel },
                async (i, token) =>
                {
                    var (isUp, reason, latency) = await HostDiscovery.ConnectPingAsync(scanner, hosts[i], limits, token).ConfigureAwait(false);

                    // a ping cut short by the user decided nothing unless it already proved the host up
                    if (isUp || !token.IsCancellationRequested)
                    {
                        statuses[i] = new HostStatus(isUp, reason, latency);
                    }
                }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // stopped by the user: the hosts decided so far stand
        }

        return NeighbourCheck.Apply(hosts, statuses, network, Stopwatch.GetElapsedTime(began), cancel);
    }
}
