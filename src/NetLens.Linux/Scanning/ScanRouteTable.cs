using System.Net.Sockets;
using NetLens.Core.Routing;
using NetLens.Linux.Namespaces;
using NetLens.Linux.Routing;

namespace NetLens.Linux.Scanning;

/// <summary>The routes of every table a scan checks its targets against (RTM_GETROUTE dump), read once before probing.</summary>
public static class ScanRouteTable
{
    public static IReadOnlyList<Route> Read(NetworkContext network, IEnumerable<AddressFamily> families)
    {
        // opened inside the namespace, the socket reads that namespace's tables
        using var netlink = network.Run(RouteNetlink.Open);
        return [.. families.Distinct().SelectMany(family => netlink.DumpRoutes(family))];
    }
}
