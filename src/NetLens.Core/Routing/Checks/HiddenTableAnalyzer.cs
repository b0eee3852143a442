using System.Net.Sockets;

namespace NetLens.Core.Routing.Checks;

/// <summary>
/// Tables other than main and local: their routes are invisible to `route -n` and `ip route`, and a table no rule looks up
/// is never used at all (VRF tables reached by an l3mdev rule aside).
/// </summary>
public sealed class HiddenTableAnalyzer : IRoutingAnalyzer
{
    public IEnumerable<RoutingFinding> Analyze(CheckContext context)
    {
        foreach (var family in CheckContext.Families)
        {
            var rules = context.RulesOf(family);
            var main = context.RoutesOf(family, RouteTables.Main).Select(Key).ToHashSet();
            foreach (var table in context.RoutesOf(family).Select(r => r.Table).Distinct().Where(t => !MainDefault.IsShown(t)).Order())
            {
                var routes = context.RoutesOf(family, table).ToList();
                var leading = rules.Where(r => r.Action == RuleAction.ToTable && r.Table == table).ToList();
                var name = context.TableName(table);
                var listing = $"ip {(family == AddressFamily.InterNetworkV6 ? "-6 " : string.Empty)}route show table {name}";
                if (leading.Count == 0 && !ReachedByVrf(context, rules, routes))
                {
                    yield return new RoutingFinding
                    {
                        Kind = FindingKind.TableUnreachable,
                        Severity = FindingSeverity.Warning,
                        Message = $"Table {name} holds {Count(routes.Count)} but no policy rule looks it up ({Count(rules.Count, "rule")}, none with `lookup {name}`): the kernel never uses {(routes.Count == 1 ? "it" : "them")}.",
                        Fix = $"Add a rule that selects the traffic meant for table {name} (`ip rule add … lookup {name}`), or remove the table (`ip route flush table {name}`).",
                        Routes = [.. routes.Select(r => context.Involve(r, "unused"))],
                    };
                    continue;
                }

                var only = routes.Where(r => !main.Contains(Key(r))).ToList();
                if (only.Count == 0)
                {
                    continue;
                }

                yield return new RoutingFinding
                {
                    Kind = FindingKind.RoutesOutsideMain,
                    Severity = FindingSeverity.Notice,
                    Message = $"Table {name} holds {Count(only.Count)} that route -n and ip route do not show"
                        + (leading.Count == 0 ? ", reached through a VRF." : $", used by rule {string.Join(", ", leading.Select(r => r.Priority))}."),
                    Fix = $"See {(only.Count == 1 ? "it" : "them")} with `{listing}` or `netlens routes --table {name}`; nothing is wrong if the rules above are intended.",
                    Routes = [.. only.Select(r => context.Involve(r, "outside main"))],
                    Rules = leading,
                };
            }
        }
    }

    private static string Count(int n, string what = "route") => n == 1 ? $"1 {what}" : $"{n} {what}s";

    private static (Addressing.IpPrefix, RouteType, System.Net.IPAddress?, int?) Key(Route route) =>
        (route.Destination, route.Type, route.Gateway, route.OutputInterface);

    // l3mdev rules send a VRF's traffic to the table the VRF device names; the table's routes then use the VRF's slaves.
    private static bool ReachedByVrf(CheckContext context, IReadOnlyList<PolicyRule> rules, List<Route> routes) =>
        rules.Any(r => r.L3MasterDevice)
        && routes.SelectMany(CheckContext.Devices).Any(d => context.Snapshot.InterfaceNames.Find(d) is { } link && (link.Master is not null || link.Kind == "vrf"));
}
