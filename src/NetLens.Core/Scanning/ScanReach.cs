using System.Net;
using NetLens.Core.Routing;

namespace NetLens.Core.Scanning;

/// <summary>
/// What the routing tables say about a scan before anything is sent: whether any route reaches a block at all (no route,
/// no scan: fail at once instead of listing millions of unreachable hosts), and which targets are broadcast addresses.
/// </summary>
public static class ScanReach
{
    /// <summary>True when a route that delivers packets (unicast or local, any table) covers some address from <paramref name="first"/> to <paramref name="last"/>.</summary>
    public static bool Reaches(IEnumerable<Route> routes, IPAddress first, IPAddress last)
    {
        var low = TargetSpec.ToNumber(first);
        var high = TargetSpec.ToNumber(last);
        foreach (var route in routes)
        {
            if (route.Type is not (RouteType.Unicast or RouteType.Local) || route.Destination.Family != first.AddressFamily)
            {
                continue;
            }

            // a prefix overlaps the span when it holds the span's start or starts inside the span
            var start = TargetSpec.ToNumber(route.Destination.Address);
            if (route.Destination.Contains(first) || (start >= low && start <= high))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The broadcast addresses the kernel knows (its broadcast routes, table local), and the limited broadcast 255.255.255.255.</summary>
    public static IReadOnlySet<IPAddress> Broadcasts(IEnumerable<Route> routes)
    {
        var broadcasts = new HashSet<IPAddress> { IPAddress.Broadcast };
        foreach (var route in routes)
        {
            if (route.Type == RouteType.Broadcast)
            {
                broadcasts.Add(route.Destination.Address);
            }
        }

        return broadcasts;
    }
}
