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
        var filter = new IpRouteListingFilter(query);
        var selected = new List<Route>();
        for (var i = 0; i < dump.Count; i++)
        {
            if (filter.Includes(dump[i]))
            {
                selected.Add(dump[i]);
            }
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
        var filter = new IpRouteListingFilter(query);
        for (var i = 0; i < dump.Count; i++)
        {
            if (filter.Includes(dump[i]))
            {
                formatter.Append(sb, dump[i], filter.FormatOptions);
            }
        }
    }
}
