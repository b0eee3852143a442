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
        var networks = new DeviceNetworks(context);
        foreach (var route in context.Snapshot.Routes.Where(r => r.Table != RouteTables.Local))
        {
            foreach (var (gateway, device, flags) in Hops(route))
            {
                if (gateway is null || device is not { } dev || (flags & RouteFlags.OnLink) != 0 || gateway.IsIPv6LinkLocal
                    || gateway.AddressFamily != route.Family || networks.IsOnLink(gateway, dev))
                {
                    continue;
                }

                var name = context.DeviceName(dev);
                var known = networks.Words(route.Family, dev);
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
}

/// <summary>Each device's connected networks, gathered once: the direct routes on it (the kernel's own test when a route is added) and its addresses' prefixes.</summary>
internal sealed class DeviceNetworks
{
    private readonly CheckContext _context;
    private readonly Dictionary<(System.Net.Sockets.AddressFamily, int), List<IpPrefix>> _lists = [];
    private readonly Dictionary<(System.Net.Sockets.AddressFamily, int), PrefixBuckets<IpPrefix>> _indexes = [];

    public DeviceNetworks(CheckContext context)
    {
        _context = context;
        foreach (var family in CheckContext.Families)
        {
            foreach (var route in context.RoutesOf(family))
            {
                if (route.Table != RouteTables.Local && route.Type == RouteType.Unicast && !route.IsMultipath && route.Gateway is null && route.Via is null && route.OutputInterface is { } device)
                {
                    ListOf(family, device).Add(route.Destination);
                }
            }
        }

        foreach (var address in context.Snapshot.Addresses)
        {
            ListOf(address.Family, address.InterfaceIndex).Add(Network(address.Peer ?? address.Local, address.PrefixLength));
        }
    }

    public bool IsOnLink(IPAddress gateway, int device) =>
        Index(gateway.AddressFamily, device).AnyCovers(gateway)
        || _context.Snapshot.Addresses.Any(a => a.InterfaceIndex == device && gateway.Equals(a.Peer));

    /// <summary>"its networks are 198.18.0.0/24, …" or "it has no network at all", for the message.</summary>
    public string Words(System.Net.Sockets.AddressFamily family, int device)
    {
        var networks = _lists.TryGetValue((family, device), out var list) ? list.Select(p => p.ToString()).Distinct().ToList() : [];
        return networks.Count == 0 ? "it has no network at all" : $"its networks are {string.Join(", ", networks)}";
    }

    private PrefixBuckets<IpPrefix> Index(System.Net.Sockets.AddressFamily family, int device)
    {
        if (!_indexes.TryGetValue((family, device), out var index))
        {
            var list = _lists.TryGetValue((family, device), out var found) ? found : [];
            _indexes[(family, device)] = index = new PrefixBuckets<IpPrefix>(family, list.Select(p => (p, p)));
        }

        return index;
    }

    private List<IpPrefix> ListOf(System.Net.Sockets.AddressFamily family, int device)
    {
        if (!_lists.TryGetValue((family, device), out var list))
        {
            _lists[(family, device)] = list = [];
        }

        return list;
    }

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
