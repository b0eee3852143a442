using System.Net.Sockets;
using NetLens.Cli.Output.Json;
using NetLens.Core.Routing;

namespace NetLens.Cli.Output.Routing;

/// <summary>A route as its JSON record.</summary>
public static class RouteJsonMapper
{
    public static RouteJson ToJson(Route route, RouteWords words)
    {
        var origin = words.Origin(route);
        return new RouteJson
        {
            Family = route.Family == AddressFamily.InterNetworkV6 ? "inet6" : "inet",
            Type = RouteWords.TypeName(route.Type),
            Destination = RouteText.Destination(route),
            Source = route.Source?.ToString(),
            Gateway = (route.Gateway ?? route.Via)?.ToString(),
            Device = route.OutputInterface is { } oif ? words.InterfaceName(oif) : null,
            Table = words.TableName(route.Table),
            TableId = route.Table,
            Protocol = words.ProtocolName(route.Protocol),
            Metric = route.Priority,
            Scope = words.ScopeName(route.Scope),
            PreferredSource = route.PreferredSource?.ToString(),
            Flags = RouteText.FlagWords(route.Flags),
            Nexthops = route.IsMultipath
                ? [.. route.Nexthops.Select(n => new NexthopJson(
                    (n.Gateway ?? n.Via)?.ToString(),
                    n.OutputInterface is { } dev ? words.InterfaceName(dev) : null,
                    n.Weight,
                    RouteText.FlagWords(n.Flags)))]
                : null,
            Origin = new OriginJson(RouteText.OriginKind(origin.Kind), origin.Label, origin.Reason),
            Ip = words.IpListingLine(route),
        };
    }
}
