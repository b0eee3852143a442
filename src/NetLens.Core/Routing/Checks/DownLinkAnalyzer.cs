using NetLens.Core.Links;

namespace NetLens.Core.Routing.Checks;

/// <summary>
/// Routes whose device is administratively down or has no carrier (the linkdown flag): traffic they match has nowhere to go.
/// One finding per link, listing its routes. An empty bridge has no carrier until a port joins (docker0 with no container
/// running): that is idle, not broken, so only an administratively down bridge counts.
/// </summary>
public sealed class DownLinkAnalyzer : IRoutingAnalyzer
{
    public IEnumerable<RoutingFinding> Analyze(CheckContext context)
    {
        var byDevice = new SortedDictionary<int, List<Route>>();
        var noCarrier = new HashSet<int>();
        foreach (var route in context.Snapshot.Routes.Where(r => r.Table != RouteTables.Local))
        {
            foreach (var (device, flags) in Hops(route))
            {
                var link = context.Snapshot.InterfaceNames.Find(device);
                var adminDown = link is { IsUp: false };
                var carrierDown = (flags & (RouteFlags.LinkDown | RouteFlags.Dead)) != 0 && link?.Kind != "bridge";
                if (!adminDown && !carrierDown)
                {
                    continue;
                }

                if (!adminDown)
                {
                    noCarrier.Add(device);
                }

                if (!byDevice.TryGetValue(device, out var routes))
                {
                    byDevice[device] = routes = [];
                }

                // A route's hops come one after another, so "already listed" is "listed last" (Contains made this quadratic).
                if (routes.Count == 0 || !ReferenceEquals(routes[^1], route))
                {
                    routes.Add(route);
                }
            }
        }

        foreach (var (device, routes) in byDevice)
        {
            var name = context.DeviceName(device);
            var adminDown = context.Snapshot.InterfaceNames.Find(device) is Link { IsUp: false };
            var state = adminDown ? "is administratively down" : "has no carrier (linkdown: its cable, peer or tunnel is down)";
            var count = routes.Count == 1 ? "1 route uses it" : $"{routes.Count} routes use it";
            yield return new RoutingFinding
            {
                Kind = FindingKind.RouteOnDownLink,
                Severity = FindingSeverity.Warning,
                Message = $"{name} {state}, yet {count} ({string.Join("; ", routes.Take(3).Select(r => CheckContext.Destination(r.Destination)))}{(routes.Count > 3 ? "; …" : string.Empty)}): "
                    + "traffic they match is lost" + (adminDown ? "." : $" unless net.ipv{(routes[0].Family == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "6" : "4")}.conf.{name}.ignore_routes_with_linkdown is 1."),
                Fix = adminDown
                    ? $"Bring {name} up (`ip link set {name} up`) or delete the routes that use it."
                    : $"Restore {name}'s carrier (cable, peer, or the daemon behind the tunnel) or delete the routes that use it.",
                Routes = [.. routes.Select(r => context.Involve(r, "on a down link"))],
            };
        }
    }

    private static IEnumerable<(int Device, RouteFlags Flags)> Hops(Route route) => route.IsMultipath
        ? route.Nexthops.Where(n => n.OutputInterface is not null).Select(n => (n.OutputInterface!.Value, n.Flags | route.Flags))
        : route.OutputInterface is { } oif ? [(oif, route.Flags)] : [];
}
