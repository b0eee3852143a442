using System.Net;
using NetLens.Core.Routing.Policy;

namespace NetLens.Core.Routing.Checks;

/// <summary>Where a packet goes by the snapshot alone: the rule that decided, the route that won, and the rules that looked but gave way.</summary>
public sealed record PolicyPath(PolicyRule? Rule, Route? Route, IReadOnlyList<PolicyRule> GaveWay);

/// <summary>
/// Walks the policy rules in order and does a longest-prefix match in each table they lead to, like fib_rules_lookup:
/// suppress_prefixlength and throw routes pass on to the next rule, goto jumps, blackhole/unreachable/prohibit stop.
/// Good enough to tell which table a generic packet ends in; `route get` asks the kernel for exact answers.
/// </summary>
public static class PolicyPathResolver
{
    /// <summary>Where <paramref name="packet"/> goes; <paramref name="without"/> is a route to pretend is absent (what would win without it?).</summary>
    public static PolicyPath Resolve(CheckContext context, PacketFacts packet, Route? without = null)
    {
        var family = packet.Destination.AddressFamily;
        var rules = context.RulesOf(family);
        var gaveWay = new List<PolicyRule>();
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            if (!PolicyRuleMatcher.Selects(rule, packet))
            {
                continue;
            }

            switch (rule.Action)
            {
                case RuleAction.ToTable:
                    var best = Longest(context.TableIndex(family, rule.Table), packet.Destination, without);
                    if (best is null || best.Type == RouteType.Throw || (rule.SuppressPrefixLength is { } suppress && best.Destination.Length <= suppress))
                    {
                        if (best is not null)
                        {
                            gaveWay.Add(rule);
                        }

                        continue;
                    }

                    return new PolicyPath(rule, best, gaveWay);
                case RuleAction.Goto when rule.GotoPriority is { } target:
                    var next = IndexAtOrAfter(rules, target);
                    if (next > i)
                    {
                        i = next - 1;
                    }

                    continue;
                case RuleAction.Blackhole or RuleAction.Unreachable or RuleAction.Prohibit:
                    return new PolicyPath(rule, null, gaveWay);
                default:
                    continue;
            }
        }

        return new PolicyPath(null, null, gaveWay);
    }

    /// <summary>A locally generated packet with no mark, uid 0 and no source yet: what most traffic looks like to the rules.</summary>
    public static PacketFacts GenericPacket(IPAddress destination) => new() { Destination = destination };

    /// <summary>The table's longest matching prefix for the address, lowest metric among equals (tos and source-specific routes aside).</summary>
    public static Route? Longest(IEnumerable<Route> table, IPAddress destination, Route? without = null)
    {
        Route? best = null;
        foreach (var route in table)
        {
            if (ReferenceEquals(route, without) || route.Tos != 0 || route.Source is { IsDefault: false } || !route.Destination.Contains(destination))
            {
                continue;
            }

            if (best is null
                || route.Destination.Length > best.Destination.Length
                || (route.Destination.Length == best.Destination.Length && (route.Priority ?? 0) < (best.Priority ?? 0)))
            {
                best = route;
            }
        }

        return best;
    }

    /// <summary>As <see cref="Longest(IEnumerable{Route}, IPAddress, Route?)"/>, over a table's prefix index: the longest prefix with a usable route wins.</summary>
    public static Route? Longest(PrefixBuckets<Route> table, IPAddress destination, Route? without = null)
    {
        foreach (var bucket in table.Covering(destination))
        {
            Route? best = null;
            foreach (var route in bucket)
            {
                if (ReferenceEquals(route, without) || route.Tos != 0 || route.Source is { IsDefault: false })
                {
                    continue;
                }

                if (best is null || (route.Priority ?? 0) < (best.Priority ?? 0))
                {
                    best = route;
                }
            }

            if (best is not null)
            {
                return best;
            }
        }

        return null;
    }

    private static int IndexAtOrAfter(IReadOnlyList<PolicyRule> rules, uint priority)
    {
        for (var i = 0; i < rules.Count; i++)
        {
            if (rules[i].Priority >= priority)
            {
                return i;
            }
        }

        return rules.Count;
    }
}
