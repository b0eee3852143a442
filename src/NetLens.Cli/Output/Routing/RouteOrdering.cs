using System.Net.Sockets;
using NetLens.Core.Routing;

namespace NetLens.Cli.Output.Routing;

/// <summary>The order people read a routing dump in: IPv4 then IPv6, main first, other tables by id, local last.</summary>
public static class RouteOrdering
{
    public static IReadOnlyList<Route> ForReading(IReadOnlyList<Route> routes)
    {
        // OrderBy is stable, so the kernel's own order (longest-prefix-match trie walk) stays within a table.
        return [.. routes.OrderBy(r => r.Family == AddressFamily.InterNetwork ? 0 : 1).ThenBy(r => TableRank(r.Table))];
    }

    private static long TableRank(uint table) => table switch
    {
        RouteTables.Main => -1,
        RouteTables.Local => long.MaxValue,
        _ => table,
    };
}
