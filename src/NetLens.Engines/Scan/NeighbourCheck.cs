using NetLens.Linux.Namespaces;
using NetLens.Linux.Scanning;

namespace NetLens.Engines.Scan;

/// <summary>Hosts silent to every probe but seen in the neighbour table while probed are up (skipped once the user asked to stop).</summary>
internal static class NeighbourCheck
{
    public static IReadOnlyList<HostStatus?> Apply(IReadOnlyList<System.Net.IPAddress> hosts, IReadOnlyList<HostStatus?> found, NetworkContext network, TimeSpan window, CancellationToken cancel)
    {
        if (cancel.IsCancellationRequested || found.Any(s => s is null))
        {
            return found;
        }

        return [.. NeighbourDiscovery.Confirm(hosts, [.. found.Select(s => s!.Value)], network.Netns, window, cancel).Select(s => (HostStatus?)s)];
    }
}
