using NetLens.Core.Firewall.Rulesets;

namespace NetLens.Core.Firewall.Planning;

/// <summary>The exact input of one transaction: the tool that runs it (nft, iptables-restore…) and what it reads on stdin.</summary>
public sealed record FirewallBatch(FirewallBackend Backend, string Family, string Input)
{
    /// <summary>"nft -f -", "iptables-restore --noflush", "ip6tables-legacy-restore --noflush".</summary>
    public string Command => Backend == FirewallBackend.Nftables
        ? "nft -f -"
        : $"{(Family == "ip6" ? "ip6tables" : "iptables")}{(Backend == FirewallBackend.IptablesLegacy ? "-legacy" : "-nft")}-restore --noflush";
}

/// <summary>
/// Everything one `port open` or `port close` changes, found or leaves, computed from the live ruleset before any change.
/// <see cref="StillDropping"/>: the chains that drop the port and that --backend kept netlens out of, so after this
/// plan the port is still not open ("inet extra input (nftables) drops tcp 8472").
/// </summary>
public sealed record FirewallPlan(IReadOnlyList<PlannedChange> Changes, IReadOnlyList<string> Notes, IReadOnlyList<string>? StillDropping = null)
{
    public IEnumerable<PlannedChange> Applied => Changes.Where(c => c.Action != ChangeAction.Present);

    /// <summary>Whether the port stays closed whatever this plan does: a chain it may not touch still drops it.</summary>
    public bool LeavesClosed => StillDropping is { Count: > 0 };

    public bool ChangesRuleset => Applied.Any();

    /// <summary>One batch per tool: a single nft transaction for every nftables chain, one restore per iptables family.</summary>
    public IReadOnlyList<FirewallBatch> Batches()
    {
        var batches = new List<FirewallBatch>();
        foreach (var group in Applied.GroupBy(c => (c.Chain.Backend, Family: c.Chain.Backend == FirewallBackend.Nftables ? "*" : c.Chain.Family)))
        {
            var lines = new List<string>();
            if (group.Key.Backend == FirewallBackend.Nftables)
            {
                lines.AddRange(group.Select(c => c.Action == ChangeAction.Add
                    ? $"insert rule {c.Chain.Family} {c.Chain.Table} {c.Chain.Name} {c.Text}"
                    : $"delete rule {c.Chain.Family} {c.Chain.Table} {c.Chain.Name} handle {c.Reference}"));
            }
            else
            {
                lines.Add("*filter");
                lines.AddRange(group.Select(c => c.Action == ChangeAction.Add
                    ? $"-I {c.Chain.Name} 1 {c.Text}"
                    : "-D" + c.Reference![2..]));
                lines.Add("COMMIT");
            }

            batches.Add(new FirewallBatch(group.Key.Backend, group.Key.Family == "*" ? "any" : group.Key.Family, string.Join('\n', lines) + "\n"));
        }

        return batches;
    }
}
