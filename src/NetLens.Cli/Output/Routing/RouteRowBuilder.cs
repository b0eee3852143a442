using NetLens.Core.Routing;

namespace NetLens.Cli.Output.Routing;

/// <summary>Turns a route into the words of one row of the routes table.</summary>
public static class RouteRowBuilder
{
    public static RouteRow Build(Route route, RouteWords words)
    {
        var origin = words.Origin(route);
        string gateway;
        string device;
        if (route.IsMultipath)
        {
            gateway = string.Join(", ", route.Nexthops.Select(n => $"{(n.Gateway ?? n.Via)?.ToString() ?? "direct"}×{n.Weight}"));
            device = string.Join(", ", route.Nexthops.Select(n => n.OutputInterface is { } i ? words.InterfaceName(i) : "-").Distinct());
        }
        else
        {
            gateway = route.Type == RouteType.Unicast
                ? (route.Gateway ?? route.Via)?.ToString() ?? "-"
                : RouteWords.TypeName(route.Type);
            device = route.OutputInterface is { } oif ? words.InterfaceName(oif) : "-";
        }

        return new RouteRow(
            Destination: RouteText.Destination(route) + (route.Source is { } from ? $" from {from}" : string.Empty),
            Gateway: gateway,
            Device: device,
            Table: words.TableName(route.Table),
            Protocol: words.ProtocolName(route.Protocol),
            Metric: route.Priority?.ToString() ?? "-",
            Scope: words.ScopeName(route.Scope),
            Source: route.PreferredSource?.ToString() ?? "-",
            Origin: origin.Label,
            OriginKind: RouteText.OriginKind(origin.Kind));
    }
}
