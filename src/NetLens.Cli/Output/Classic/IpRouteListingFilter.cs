using System.Net.Sockets;
using NetLens.Core.Routing;

namespace NetLens.Cli.Output.Classic;

/// <summary>
/// ip's per-route decision for `ip route show`, one route at a time in dump order, so a listing can be
/// streamed: the kernel's table filter, ip's family default, cloned entries hidden, and ip's IPv6 rule that
/// hides local-type routes from the main-table view until it has seen a route outside main.
/// </summary>
public sealed class IpRouteListingFilter(IpRouteQuery query)
{
    private readonly AddressFamily _family = query.EffectiveFamily;
    private readonly uint? _table = query.TableFilter;

    // ip keeps this flag across the whole dump: once it sees an IPv6 route outside main it stops guessing.
    private bool _ipv6MultipleTables;

    public IpRouteFormatOptions FormatOptions { get; } = new(TableFilterActive: query.TableFilter is not null);

    public bool Includes(Route route)
    {
        if (_table is { } kernelTable && route.Table != kernelTable)
        {
            return false;
        }

        if (_family != AddressFamily.Unspecified && route.Family != _family)
        {
            return false;
        }

        if (route.Family == AddressFamily.InterNetworkV6 && route.Table != RouteTables.Main)
        {
            _ipv6MultipleTables = true;
        }

        if ((route.Flags & RouteFlags.Cloned) != 0)
        {
            return false;
        }

        if (route.Family == AddressFamily.InterNetworkV6 && !_ipv6MultipleTables && _table is { } table)
        {
            return table switch
            {
                RouteTables.Local => route.Type == RouteType.Local,
                RouteTables.Main => route.Type != RouteType.Local,
                _ => false,
            };
        }

        return true;
    }
}
