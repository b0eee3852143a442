using System.Net;
using NetLens.Core.Addressing;

namespace NetLens.Core.Routing.Checks;

/// <summary>
/// A gateway that no connected network of its device covers (no direct route on that device, no address prefix), on a route
/// not marked onlink: left behind when the connected route or address went away. The kernel refuses such a route when it is
/// added again ("Nexthop has invalid gateway"), so it breaks at the next restart.
/// </summary>
public sealed class GatewayOffLinkAnalyzer : IRoutingAnalyzer
{
    public IEnumerable<RoutingFinding> Analyze(CheckContext context)
    {
        foreach (var route in context.Snapshot.Routes.Where(r => r.Table != RouteTables.Local))
        {
            foreach (var (gateway, device, flags) in Hops(route))
            {
                if (gateway is null || device is not { } dev || (flags & RouteFlags.OnLink) != 0 || gateway.IsIPv6LinkLocal
                    || gateway.AddressFamily != route.Family || IsOnLink(context, gateway, dev))
                {
                    continue;
                }

                var name = context.DeviceName(dev);
                var networks = Networks(context, route.Family, dev).Select(p => p.ToString()).Distinct().ToList();
                var known = networks.Count == 0 ? "it has no network at all" : $"its networks are {string.Join(", ", networks)}";
                yield return new RoutingFinding
                {
                    Kind = FindingKind.GatewayOffLink,
                    Severity = FindingSeverity.Error,
                    Message = $"Gateway {gateway} of {context.Describe(route, withTable: true)} is on no connected network of {name} ({known}) and the route is not onlink: "
                        + "the kernel would refuse this route if it were added again.",
                    Fix = $"Add the gateway's network to {name} (`ip addr add …/len dev {name}`), or re-add the route with `onlink` if {gateway} is reachable on {name} anyway.",
                    Routes = [context.Involve(route, "gateway off-link")],
                };
            }
        }
    }

    private static IEnumerable<(IPAddress? Gateway, int? Device, RouteFlags Flags)> Hops(Route route) => route.IsMultipath
        ? route.Nexthops.Select(n => (n.Gateway, n.OutputInterface, n.Flags | route.Flags))
        : [(route.Gateway, route.OutputInterface, route.Flags)];

    private static bool IsOnLink(CheckContext context, IPAddress gateway, int device) =>
        Networks(context, gateway.AddressFamily, device).Any(p => p.Contains(gateway))
        || context.Snapshot.Addresses.Any(a => a.InterfaceIndex == device && gateway.Equals(a.Peer));

    // Direct routes on the device (the kernel's own test when the route was added) and the prefixes of its addresses.
    private static IEnumerable<IpPrefix> Networks(CheckContext context, System.Net.Sockets.AddressFamily family, int device) =>
        context.RoutesOf(family)
            .Where(r => r.Table != RouteTables.Local && r.Type == RouteType.Unicast && !r.IsMultipath && r.Gateway is null && r.Via is null && r.OutputInterface == device)
            .Select(r => r.Destination)
            .Concat(context.Snapshot.Addresses
                .Where(a => a.InterfaceIndex == device && a.Family == family)
                .Select(a => Network(a.Peer ?? a.Local, a.PrefixLength)));

    private static IpPrefix Network(IPAddress address, int length)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var size);
        for (var bit = length; bit < size * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return new IpPrefix(new IPAddress(bytes[..size]), length);
    }
}
