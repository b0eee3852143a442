namespace NetLens.Core.Firewall.Rulesets;

/// <summary>Which chains can end in a drop: their own policy, drop or reject, or a chain of the same table reachable by jump/goto.</summary>
public static class ChainReachability
{
    /// <summary>The chains (by reference) that can drop a packet, in every backend and table of the ruleset.</summary>
    public static IReadOnlySet<FirewallChain> DropCapable(FirewallRuleset ruleset)
    {
        var result = new HashSet<FirewallChain>(ReferenceEqualityComparer.Instance);
        foreach (var table in ruleset.Chains.GroupBy(c => (c.Source, c.Family, c.Table)))
        {
            // a name listed twice (nft JSON of another shape; the parsers let it through) merges: either half may drop
            var graph = table.GroupBy(c => c.Name, StringComparer.Ordinal).ToDictionary(
                g => g.Key,
                g => (Drops: g.Any(c => c.PolicyAccepts == false || c.Rules.Any(r => Drops(r.Action))), Targets: g.SelectMany(c => c.Rules).SelectMany(r => Targets(r.Action)).ToList()),
                StringComparer.Ordinal);
            var capable = new HashSet<string>(StringComparer.Ordinal);
            bool changed;
            do
            {
                changed = false;
                foreach (var (name, (drops, targets)) in graph)
                {
                    if (!capable.Contains(name) && (drops || targets.Any(capable.Contains)))
                    {
                        capable.Add(name);
                        changed = true;
                    }
                }
            }
            while (changed);
            result.UnionWith(table.Where(c => capable.Contains(c.Name)));
        }

        return result;
    }

    private static bool Drops(RuleAction action) => action switch
    {
        DropAction or RejectAction => true,
        VerdictMapAction map => map.Entries.Any(e => Drops(e.Action)),
        _ => false,
    };

    private static IEnumerable<string> Targets(RuleAction action) => action switch
    {
        JumpAction jump => [jump.Target],
        GotoAction jump => [jump.Target],
        VerdictMapAction map => map.Entries.SelectMany(e => Targets(e.Action)),
        _ => [],
    };
}
