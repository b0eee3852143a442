using NetLens.Core.Routing.Origin;

namespace NetLens.Core.Routing.Checks;

/// <summary>
/// Ordinary traffic (no mark, uid 0, no source) that a policy rule sends to a table other than main, so the default route
/// `route -n` shows is not where it goes: wg-quick's `not fwmark 0xca6c lookup 51820`, a full-tunnel VPN table.
/// </summary>
public sealed class PolicyDetourAnalyzer : IRoutingAnalyzer
{
    public IEnumerable<RoutingFinding> Analyze(CheckContext context)
    {
        foreach (var family in CheckContext.Families)
        {
            var destination = GenericDestination.Pick(context, family);
            var path = PolicyPathResolver.Resolve(context, PolicyPathResolver.GenericPacket(destination));
            if (path is not { Rule: { } rule, Route: { } taken } || MainDefault.IsShown(taken.Table))
            {
                continue;
            }

            var shown = MainDefault.Of(context, family);
            var routes = new List<FindingRoute> { context.Involve(taken, "taken") };
            string seen;
            if (shown is null)
            {
                seen = "main has no default route, yet";
            }
            else
            {
                seen = $"main's {context.Describe(shown)} is the default route -n shows, but";
                routes.Add(context.Involve(shown, "shown by route -n"));
            }

            var gaveWay = path.GaveWay.Count == 0
                ? string.Empty
                : $" (rule {string.Join(", ", path.GaveWay.Select(r => r.Priority))} looked first and gave way)";
            yield return new RoutingFinding
            {
                Kind = FindingKind.PolicyDetour,
                Severity = FindingSeverity.Warning,
                Message = $"{Capital(seen)} rule {rule.Priority} sends ordinary traffic to table {context.TableName(rule.Table)}{gaveWay}: "
                    + $"a packet to {destination} leaves by {context.Describe(taken, withTable: true)}.",
                Fix = FixFor(context, rule, routes[0].Origin, shown),
                Routes = routes,
                Rules = [.. path.GaveWay, rule],
            };
        }
    }

    private static string FixFor(CheckContext context, PolicyRule rule, RouteOrigin origin, Route? shown)
    {
        var isWgQuick = rule.Table == RouteOriginClassifier.WgQuickTable || rule.FwMark == RouteOriginClassifier.WgQuickTable;
        if (isWgQuick || origin.Kind == RouteOriginKind.Vpn)
        {
            return "This is a VPN's full tunnel (wg-quick with AllowedIPs 0.0.0.0/0 or ::/0): to keep a destination off the tunnel add a more specific route for it to main"
                + (shown is null ? string.Empty : $"{context.PathWords(shown)}")
                + $", or narrow the VPN's allowed addresses so rule {rule.Priority} goes away.";
        }

        return $"If ordinary traffic should follow main's default route, narrow or delete rule {rule.Priority} (`ip rule del priority {rule.Priority}`); otherwise this is policy routing working as set up.";
    }

    private static string Capital(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
