using System.Net.Sockets;

namespace NetLens.Core.Routing;

/// <summary>Parts of a snapshot.</summary>
public static class RoutingSnapshots
{
    /// <summary>-4/-6 narrow everything but the links (they have no family); a table selection narrows the routes (rules and addresses belong to no table).</summary>
    public static RoutingSnapshot Narrow(RoutingSnapshot snapshot, AddressFamily? family, TableSelection? tables)
    {
        if (family is null && tables is null)
        {
            return snapshot;
        }

        bool Keep(AddressFamily f) => family is not { } only || f == only;
        return new RoutingSnapshot(
            snapshot.Links,
            [.. snapshot.Addresses.Where(a => Keep(a.Family))],
            [.. snapshot.Rules.Where(r => Keep(r.Family))],
            [.. snapshot.Routes.Where(r => Keep(r.Family) && (tables ?? TableSelection.All).Includes(r.Table))]);
    }
}
