using NetLens.Core.Routing.Names;

namespace NetLens.Core.Routing.Origin;

/// <summary>
/// Decides who installed a route from what the kernel tells: the local table, the output
/// device (name and link kind), policy rules that steer marked traffic to a VPN table, and rtm_protocol.
/// </summary>
public static class RouteOriginClassifier
{
    /// <summary>wg-quick's default table and fwmark (51820 = 0xca6c).</summary>
    public const uint WgQuickTable = 51820;

    public static RouteOrigin Classify(Route route, InterfaceNames interfaces, IReadOnlyList<PolicyRule> rules)
    {
        if (route.Table == RouteTables.Local)
        {
            return new(RouteOriginKind.Local, "local", "table local is maintained by the kernel for this host's own and broadcast addresses");
        }

        var device = OutputDevice(route);
        if (device is { } index)
        {
            var link = interfaces.Find(index);
            if (DeviceOrigins.Classify(link?.Name ?? interfaces.NameOf(index), link) is { } byDevice)
            {
                return byDevice;
            }
        }

        if (VpnTable(route, rules) is { } byTable)
        {
            return byTable;
        }

        return ByProtocol(route.Protocol);
    }

    /// <summary>Just rtm_protocol, for routes without a telling device.</summary>
    public static RouteOrigin ByProtocol(byte protocol)
    {
        var name = IpNames.Default.ProtocolName(protocol);
        return protocol switch
        {
            RouteProtocols.Kernel => new(RouteOriginKind.Kernel, "kernel", "proto kernel: the kernel added it for an address on the interface"),
            RouteProtocols.Dhcp => new(RouteOriginKind.Dhcp, "dhcp", "proto dhcp: installed by a DHCP client"),
            RouteProtocols.Ra => new(RouteOriginKind.RouterAdvertisement, "ra", "proto ra: learned from an IPv6 router advertisement"),
            RouteProtocols.Boot => new(RouteOriginKind.Static, "static", "proto boot: added by `ip route add` or network config without a protocol"),
            RouteProtocols.Static => new(RouteOriginKind.Static, "static", "proto static: added by an administrator or network manager"),
            RouteProtocols.Redirect => new(RouteOriginKind.Redirect, "redirect", "proto redirect: installed by an ICMP redirect"),
            RouteProtocols.Unspecified => new(RouteOriginKind.Unknown, "unknown", "proto unspec: the installer gave no protocol"),
            _ when IsRoutingDaemon(protocol) => new(RouteOriginKind.RoutingDaemon, name, $"proto {name}: installed by a routing daemon"),
            _ => new(RouteOriginKind.Unknown, name, $"proto {name}: not a protocol netlens knows"),
        };
    }

    private static bool IsRoutingDaemon(byte protocol) => protocol is 8 or 10 or 11 or 12 or 13 or 14 or 15 or 18 or 42 or 99
        or RouteProtocols.Bgp or RouteProtocols.Isis or RouteProtocols.Ospf or RouteProtocols.Rip or RouteProtocols.Eigrp;

    private static int? OutputDevice(Route route)
    {
        if (route.OutputInterface is { } oif)
        {
            return oif;
        }

        return route.Nexthops.Count > 0 ? route.Nexthops[0].OutputInterface : null;
    }

    // wg-quick: "ip rule add not fwmark 51820 table 51820" sends everything but the tunnel's own packets to table 51820.
    private static RouteOrigin? VpnTable(Route route, IReadOnlyList<PolicyRule> rules)
    {
        if (route.Table is RouteTables.Main or RouteTables.Default or RouteTables.Unspecified)
        {
            return null;
        }

        foreach (var rule in rules)
        {
            if (rule.Table != route.Table || rule.FwMark is not { } mark)
            {
                continue;
            }

            if (route.Table == WgQuickTable || mark == WgQuickTable)
            {
                return new(RouteOriginKind.Vpn, "vpn (wireguard)",
                    $"table {route.Table} is wg-quick's, chosen by rule {rule.Priority} ({(rule.Invert ? "not " : string.Empty)}fwmark 0x{mark:x})");
            }
        }

        return null;
    }
}
