using System.Net;
using System.Net.Sockets;
using NetLens.Core.Addressing;

namespace NetLens.Core.Routing.Checks;

/// <summary>
/// 0.0.0.0/1 + 128.0.0.0/1 (::/1 + 8000::/1) in one table: together they cover every address and, being longer than /0,
/// beat the default route (OpenVPN's redirect-gateway def1), so the default `route -n` shows carries nothing.
/// </summary>
public sealed class SplitDefaultAnalyzer : IRoutingAnalyzer
{
    public IEnumerable<RoutingFinding> Analyze(CheckContext context)
    {
        foreach (var family in CheckContext.Families)
        {
            var (lowHalf, highHalf) = Halves(family);
            foreach (var table in context.RoutesOf(family).Select(r => r.Table).Distinct().Where(t => t != RouteTables.Local))
            {
                var routes = context.RoutesOf(family, table).Where(r => r.Type == RouteType.Unicast && r.Tos == 0 && r.Source is null).ToList();
                var low = routes.Where(r => r.Destination == lowHalf).OrderBy(r => r.Priority ?? 0).FirstOrDefault();
                var high = routes.Where(r => r.Destination == highHalf).OrderBy(r => r.Priority ?? 0).FirstOrDefault();
                if (low is null || high is null)
                {
                    continue;
                }

                var shown = MainDefault.Of(context, family);
                var involved = new List<FindingRoute> { context.Involve(low, "lower half"), context.Involve(high, "upper half") };
                var beaten = shown is null ? "the default route" : $"main's {context.Describe(shown)} that route -n shows";
                if (shown is not null)
                {
                    involved.Add(context.Involve(shown, "shown by route -n"));
                }

                var inTable = table == RouteTables.Main ? string.Empty : $" in table {context.TableName(table)}";
                yield return new RoutingFinding
                {
                    Kind = FindingKind.SplitDefault,
                    Severity = FindingSeverity.Warning,
                    Message = $"{context.Describe(low)} and {context.Describe(high)}{inTable} together cover every address and, as /1 is longer than /0, "
                        + $"beat {beaten}: traffic goes{context.PathWords(low)}{(Same(context, low, high) ? string.Empty : $" and{context.PathWords(high)}")}.",
                    Fix = "This is a VPN's full tunnel (OpenVPN redirect-gateway def1): to keep a destination off the tunnel add a more specific route for it (longer than /1), or disconnect or reconfigure the VPN for split tunnelling.",
                    Routes = involved,
                };
            }
        }
    }

    private static bool Same(CheckContext context, Route a, Route b) => context.PathWords(a) == context.PathWords(b);

    private static (IpPrefix Low, IpPrefix High) Halves(AddressFamily family) => family == AddressFamily.InterNetworkV6
        ? (new IpPrefix(IPAddress.IPv6Any, 1), new IpPrefix(IPAddress.Parse("8000::"), 1))
        : (new IpPrefix(IPAddress.Any, 1), new IpPrefix(IPAddress.Parse("128.0.0.0"), 1));
}
