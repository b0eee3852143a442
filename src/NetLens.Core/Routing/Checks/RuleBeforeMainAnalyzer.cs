using System.Net.Sockets;

namespace NetLens.Core.Routing.Checks;

/// <summary>
/// A rule consulted before `lookup main` that leads the traffic it selects to a table with a default or broad route: that
/// traffic never sees main's routes. The rule that catches ordinary traffic is <see cref="PolicyDetourAnalyzer"/>'s; this
/// reports the selective ones (fwmark, from, uidrange…), which are often intended.
/// </summary>
public sealed class RuleBeforeMainAnalyzer : IRoutingAnalyzer
{
    /// <summary>A route this short or shorter counts as broad: IPv4 /8, IPv6 /16.</summary>
    public static int BroadLength(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? 16 : 8;

    public IEnumerable<RoutingFinding> Analyze(CheckContext context)
    {
        foreach (var family in CheckContext.Families)
        {
            var mainPriority = MainDefault.MainRulePriority(context, family);
            var generic = PolicyPathResolver.Resolve(context, PolicyPathResolver.GenericPacket(GenericDestination.Pick(context, family))).Rule;
            foreach (var rule in context.RulesOf(family))
            {
                if (rule.Priority >= mainPriority || rule.Action != RuleAction.ToTable || ReferenceEquals(rule, generic)
                    || rule.Table is RouteTables.Main or RouteTables.Local or RouteTables.Unspecified)
                {
                    continue;
                }

                var broad = context.RoutesOf(family, rule.Table)
                    .Where(r => r.Type == RouteType.Unicast && r.Destination.Length <= BroadLength(family))
                    .OrderBy(r => r.Destination.Length)
                    .ThenBy(r => r.Priority ?? 0)
                    .FirstOrDefault();
                if (broad is null)
                {
                    continue;
                }

                var table = context.TableName(rule.Table);
                yield return new RoutingFinding
                {
                    Kind = FindingKind.RuleBeforeMain,
                    Severity = FindingSeverity.Notice,
                    Message = $"Rule {rule.Priority} is consulted before main (rule {(mainPriority == uint.MaxValue ? "none" : mainPriority.ToString())}) and leads to table {table}, "
                        + $"which has {context.Describe(broad)}: the traffic it selects ignores main's routes and the default route -n shows.",
                    Fix = $"If that traffic should follow main, narrow rule {rule.Priority} or give it a higher priority number than {mainPriority} (`ip rule del priority {rule.Priority}` and add it again); otherwise this is policy routing working as set up.",
                    Routes = [context.Involve(broad, "broad route in the rule's table")],
                    Rules = [rule],
                };
            }
        }
    }
}
