using System.Net.Sockets;
using NetLens.Core.Links;
using NetLens.Core.Routing;

namespace NetLens.Linux.Routing;

/// <summary>Reads everything routing depends on — links, addresses, rules, routes of both families — over one socket.</summary>
public static class RoutingSnapshotReader
{
    public static RoutingSnapshot Read(RouteNetlink netlink)
    {
        // Packet counters are traffic, not routing state: a snapshot saved and loaded back (or two compared) must not differ by them.
        var links = netlink.DumpLinks().Select(l => l with { Counters = null }).ToList();
        var addresses = new List<InterfaceAddress>();
        var rules = new List<PolicyRule>();
        var routes = new List<Route>();
        foreach (var family in new[] { AddressFamily.InterNetwork, AddressFamily.InterNetworkV6 })
        {
            addresses.AddRange(netlink.DumpAddresses(family));
            rules.AddRange(netlink.DumpRules(family));
            routes.AddRange(netlink.DumpRoutes(family));
        }

        return new RoutingSnapshot(links, addresses, rules, routes);
    }
}
