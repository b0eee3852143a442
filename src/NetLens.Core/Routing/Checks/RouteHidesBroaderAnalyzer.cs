using NetLens.Core.Routing.Origin;

namespace NetLens.Core.Routing.Checks;

/// <summary>
/// A more specific route that takes part of a broader route's addresses and sends them elsewhere: docker's bridge inside a
/// company or VPN range. Compares each route with the nearest broader route of its own table, and with the route of another
/// table that a generic packet would reach without it. Default-like broader routes (/0, /1) and connected routes inside a
/// covering route on the same device are the normal case and are skipped.
/// </summary>
public sealed class RouteHidesBroaderAnalyzer : IRoutingAnalyzer
{
    public IEnumerable<RoutingFinding> Analyze(CheckContext context)
    {
        foreach (var family in CheckContext.Families)
        {
            var routes = context.RoutesOf(family).Where(Comparable).ToList();
            foreach (var narrow in routes)
            {
                if (narrow.Destination.IsDefault || narrow.Type is not (RouteType.Unicast or RouteType.Blackhole or RouteType.Unreachable or RouteType.Prohibit))
                {
                    continue;
                }

                var broader = new List<Route>();
                if (NearestBroader(context, narrow) is { } sameTable)
                {
                    broader.Add(sameTable);
                }

                if (OtherTableBroader(context, narrow) is { } otherTable)
                {
                    broader.Add(otherTable);
                }

                foreach (var broad in broader)
                {
                    if (broad.Destination.Length > 1 && PointsElsewhere(narrow, broad) && !IsConnectedInsideOwn(narrow, broad))
                    {
                        yield return Finding(context, narrow, broad);
                    }
                }
            }
        }
    }

    private static bool Comparable(Route route) =>
        route.Table != RouteTables.Local && route.Tos == 0 && route.Source is null or { IsDefault: true };

    // The longest shorter unicast prefix of the same table that covers the narrow one, lowest metric first (first listed among equals).
    private static Route? NearestBroader(CheckContext context, Route narrow)
    {
        foreach (var bucket in context.TableIndex(narrow.Family, narrow.Table).Covering(narrow.Destination.Address, shorterThan: narrow.Destination.Length))
        {
            Route? best = null;
            foreach (var broad in bucket)
            {
                if (broad.Type == RouteType.Unicast && Comparable(broad) && (best is null || (broad.Priority ?? 0) < (best.Priority ?? 0)))
                {
                    best = broad;
                }
            }

            if (best is not null)
            {
                return best;
            }
        }

        return null;
    }

    // A generic packet into the narrow route: if it wins, what would have won without it, from another table?
    private static Route? OtherTableBroader(CheckContext context, Route narrow)
    {
        var packet = PolicyPathResolver.GenericPacket(narrow.Destination.Address);
        if (!ReferenceEquals(PolicyPathResolver.Resolve(context, packet).Route, narrow))
        {
            return null;
        }

        var instead = PolicyPathResolver.Resolve(context, packet, without: narrow).Route;
        return instead is { Type: RouteType.Unicast } && instead.Table != narrow.Table
            && instead.Destination.Length < narrow.Destination.Length && Comparable(instead)
            ? instead
            : null;
    }

    private static bool PointsElsewhere(Route narrow, Route broad) =>
        narrow.Type != RouteType.Unicast || !Paths(narrow).SetEquals(Paths(broad));

    private static HashSet<(int?, System.Net.IPAddress?)> Paths(Route route) => route.IsMultipath
        ? [.. route.Nexthops.Select(n => (n.OutputInterface, n.Gateway ?? n.Via))]
        : [(route.OutputInterface, route.Gateway ?? route.Via)];

    // A connected route inside a broader route on the same link (198.18.0.0/24 dev eth0 in 198.18.0.0/16 dev eth0) is how LANs look.
    private static bool IsConnectedInsideOwn(Route narrow, Route broad) =>
        narrow.Type == RouteType.Unicast && !narrow.IsMultipath && narrow.Gateway is null && narrow.Via is null
        && CheckContext.Devices(broad).ToHashSet().SetEquals(CheckContext.Devices(narrow));

    private static RoutingFinding Finding(CheckContext context, Route narrow, Route broad)
    {
        var share = Share(narrow.Destination.Length - broad.Destination.Length);
        var whereTo = narrow.Type == RouteType.Unicast
            ? $"to{context.PathWords(narrow)}"
            : $"into a {IpNames(narrow.Type)} route";
        var before = narrow.Table == broad.Table
            ? string.Empty
            : $" (table {context.TableName(narrow.Table)} is consulted before table {context.TableName(broad.Table)})";
        var devicesDiffer = !CheckContext.Devices(narrow).ToHashSet().SetEquals(CheckContext.Devices(broad));
        var narrowOrigin = context.Involve(narrow, "narrower");
        return new RoutingFinding
        {
            Kind = FindingKind.RouteHidesBroader,
            Severity = devicesDiffer || narrow.Type != RouteType.Unicast ? FindingSeverity.Warning : FindingSeverity.Notice,
            Message = $"{context.Describe(narrow, withTable: true)} takes {share} of {context.Describe(broad, withTable: true)}{before}: "
                + $"traffic to {CheckContext.Destination(narrow.Destination)} goes {whereTo} instead of{context.PathWords(broad)}.",
            Fix = FixFor(narrowOrigin.Origin, narrow, broad, context),
            Routes = [narrowOrigin, context.Involve(broad, "broader")],
        };
    }

    private static string FixFor(RouteOrigin origin, Route narrow, Route broad, CheckContext context)
    {
        var range = CheckContext.Destination(narrow.Destination);
        var wanted = $"If {range} should go{context.PathWords(broad)}, ";
        return origin.Kind switch
        {
            RouteOriginKind.Docker => wanted + "move the docker network to a free range (\"bip\" and \"default-address-pools\" in /etc/docker/daemon.json, or `docker network create --subnet`); otherwise nothing to do.",
            RouteOriginKind.Libvirt => wanted + "give the libvirt network a free range (`virsh net-edit`); otherwise nothing to do.",
            RouteOriginKind.Lxc or RouteOriginKind.KubernetesCni => wanted + "give the container network a free range in its configuration; otherwise nothing to do.",
            _ => wanted + $"delete the narrower route (`ip route del {range} table {context.TableName(narrow.Table)}`); otherwise nothing to do.",
        };
    }

    private static string IpNames(RouteType type) => Names.IpNames.RouteTypeName(type);

    /// <summary>"1/2", "1/256", "1/2^40": the share of the broader prefix the narrower one covers.</summary>
    public static string Share(int bits) => bits <= 20 ? $"1/{1L << bits:N0}" : $"1/2^{bits}";
}
