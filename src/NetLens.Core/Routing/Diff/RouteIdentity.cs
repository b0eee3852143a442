using System.Net.Sockets;
using NetLens.Core.Addressing;

namespace NetLens.Core.Routing.Diff;

/// <summary>
/// What makes a route the same route in two snapshots: the kernel's own key (table, destination, tos,
/// priority) plus family, source prefix and type. Anything else that differs makes it "changed".
/// </summary>
public readonly record struct RouteIdentity(
    AddressFamily Family,
    uint Table,
    IpPrefix Destination,
    IpPrefix? Source,
    byte Tos,
    uint? Priority,
    RouteType Type)
{
    public static RouteIdentity Of(Route route) =>
        new(route.Family, route.Table, route.Destination, route.Source, route.Tos, route.Priority, route.Type);
}
