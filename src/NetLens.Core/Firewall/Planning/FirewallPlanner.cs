using NetLens.Core.Firewall.Rulesets;
using NetLens.Core.Firewall.Spec;

namespace NetLens.Core.Firewall.Planning;

/// <summary>
/// Decides where each rule goes. Every base chain at the hook may drop the packet on its own (an accept in one
/// nftables table or in iptables does not override a drop in another), so an accept goes into each base chain that
/// can drop it, at the top, before any drop or reject. Chains that cannot drop it are left alone.
/// </summary>
public static class FirewallPlanner
{
    public static FirewallPlan PlanOpen(FirewallFacts facts, IReadOnlyList<PortRule> rules, BackendChoice choice)
    {
        var changes = new List<PlannedChange>();
        var notes = new List<string>();
        var stillDropping = new List<string>();
        foreach (var rule in rules)
        {
            var deciding = facts.Chains.Where(c => c.IsFilterBase && c.Hook == rule.Hook && facts.CouldDrop(c) && Covers(c, rule)).ToList();
            var chosen = deciding.Where(c => choice.Allows(c.Backend)).ToList();
            foreach (var chain in chosen)
            {
                var present = chain.Rules.FirstOrDefault(r => r.Comment == rule.Comment);
                if (present is not null)
                {
                    changes.Add(new PlannedChange(ChangeAction.Present, chain, rule, Found(chain, present), present.Reference));
                    continue;
                }

                foreach (var text in Texts(chain, rule))
                {
                    changes.Add(new PlannedChange(ChangeAction.Add, chain, rule, text));
                }
            }

            foreach (var left in deciding.Except(chosen))
            {
                notes.Add($"{left.Place} can still drop {rule.Protocol.Word()} {rule.PortsLabel} ({left.Backend.Word()} was left out by --backend)");
                stillDropping.Add($"{left.Place} ({left.Backend.Word()}) drops {rule.Protocol.Word()} {rule.PortsLabel}");
            }

            if (deciding.Count == 0)
            {
                notes.Add($"nothing at the {rule.Hook.ToString().ToLowerInvariant()} hook can drop {rule.Protocol.Word()} {rule.PortsLabel} (no chain with a drop policy or a reachable drop/reject): already open, no rule needed");
            }
        }

        return new FirewallPlan(changes, notes, stillDropping);
    }

    /// <summary>Every rule netlens added for these rules, wherever it is (a chain may have stopped dropping since).</summary>
    public static FirewallPlan PlanClose(FirewallFacts facts, IReadOnlyList<PortRule> rules, BackendChoice choice)
    {
        var changes = new List<PlannedChange>();
        foreach (var rule in rules)
        {
            foreach (var chain in facts.Chains.Where(c => choice.Allows(c.Backend)))
            {
                changes.AddRange(chain.Rules
                    .Where(r => r.Comment == rule.Comment)
                    .Select(r => new PlannedChange(ChangeAction.Remove, chain, rule, Found(chain, r), r.Reference)));
            }
        }

        var notes = changes.Count == 0
            ? new[] { $"no rule of netlens for {string.Join(", ", rules.Select(r => r.Comment[PortRule.CommentPrefix.Length..]))}: nothing to close" }
            : [];
        return new FirewallPlan(changes, notes);
    }

    /// <summary>A rule found in the ruleset, as its tool shows it: iptables-save's line, or nft's comment and handle.</summary>
    private static string Found(FirewallChain chain, FirewallRule rule) =>
        chain.Backend == FirewallBackend.Nftables ? $"{rule.Comment} (handle {rule.Reference})" : rule.Reference;

    private static bool Covers(FirewallChain chain, PortRule rule) => chain.Backend == FirewallBackend.Nftables
        ? NftRuleText.FamilyCovers(chain.Family, rule)
        : rule.AppliesTo(chain.Family == "ip6" ? System.Net.Sockets.AddressFamily.InterNetworkV6 : System.Net.Sockets.AddressFamily.InterNetwork);

    private static IReadOnlyList<string> Texts(FirewallChain chain, PortRule rule) =>
        chain.Backend == FirewallBackend.Nftables ? [NftRuleText.Expression(rule)] : IptablesRuleText.Specs(rule);
}
