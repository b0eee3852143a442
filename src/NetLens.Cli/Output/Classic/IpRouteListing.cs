using System.Net.Sockets;
using System.Text;
using NetLens.Core.Routing;

namespace NetLens.Cli.Output.Classic;

/// <summary>
/// Which dumped routes `ip route show` prints, in dump order, and their text: the kernel's table
/// filter (strict dump checking), ip's family default, cloned entries hidden, and ip's IPv6 rule
/// that hides local-type routes from the main-table view.
/// </summary>
public static class IpRouteListing
{
    /// <summary>The routes ip would print for <paramref name="query"/>, given a full dump in kernel order.</summary>
    public static List<Route> Select(IReadOnlyList<Route> dump, IpRouteQuery query)
    {
        var family = query.EffectiveFamily;
        var selected = new List<Route>();

        // ip keeps this flag across the whole dump: once it sees an IPv6 route outside main it stops guessing.
        var ipv6MultipleTables = false;
        for (var i = 0; i < dump.Count; i++)
        {
            var route = dump[i];
            if (query.TableFilter is { } kernelTable && route.Table != kernelTable)
            {
                continue;
            }

            if (family != AddressFamily.Unspecified && route.Family != family)
            {
                continue;
            }

            if (route.Family == AddressFamily.InterNetworkV6 && route.Table != RouteTables.Main)
            {
                ipv6MultipleTables = true;
            }

            if ((route.Flags & RouteFlags.Cloned) != 0)
            {
                continue;
            }

            if (route.Family == AddressFamily.InterNetworkV6 && !ipv6MultipleTables && query.TableFilter is { } table)
            {
                var keep = table switch
                {
                    RouteTables.Local => route.Type == RouteType.Local,
                    RouteTables.Main => route.Type != RouteType.Local,
                    _ => false,
                };
                if (!keep)
                {
                    continue;
                }
            }

            selected.Add(route);
        }

        return selected;
    }

    /// <summary>The exact stdout of `ip route show …` for this dump.</summary>
    public static string Render(IReadOnlyList<Route> dump, IpRouteQuery query, IpRouteFormatter formatter)
    {
        var sb = new StringBuilder(dump.Count * 80);
        Render(sb, dump, query, formatter);
        return sb.ToString();
    }

    public static void Render(StringBuilder sb, IReadOnlyList<Route> dump, IpRouteQuery query, IpRouteFormatter formatter)
    {
        var options = new IpRouteFormatOptions(TableFilterActive: query.TableFilter is not null);
        foreach (var route in Select(dump, query))
        {
            formatter.Append(sb, route, options);
        }
    }
}
