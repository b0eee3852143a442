using System.Net.Sockets;

namespace NetLens.Core.Firewall.Evaluation;

/// <summary>The netfilter hooks a packet to this host (or forwarded by DNAT) passes, in order.</summary>
public enum FirewallHook
{
    Prerouting,
    Input,
    Forward,
    Output,
    Postrouting,
    Other,
}

/// <summary>One rule, as its backend lists it: its 1-based position in the chain, the nft handle, and its text.</summary>
public sealed record FirewallRule(int Position, string Text, IReadOnlyList<Match> Matches, RuleAction Action)
{
    public long? Handle { get; init; }
}

/// <summary>
/// A chain of one table. Base chains (attached to a hook) have a hook, a priority and a policy; user chains have none.
/// <see cref="Source"/> names where it was read: nftables, iptables-nft, iptables-legacy.
/// </summary>
public sealed record FirewallChain
{
    public required string Source { get; init; }

    /// <summary>nft's family: ip, ip6, inet (iptables → ip, ip6tables → ip6).</summary>
    public required string Family { get; init; }

    public required string Table { get; init; }

    public required string Name { get; init; }

    public FirewallHook? Hook { get; init; }

    public int Priority { get; init; }

    /// <summary>filter, nat, route.</summary>
    public string Type { get; init; } = "filter";

    /// <summary>The policy of a base chain: true accept, false drop; null for a user chain.</summary>
    public bool? PolicyAccepts { get; init; }

    public IReadOnlyList<FirewallRule> Rules { get; init; } = [];

    public bool IsBase => Hook is not null && PolicyAccepts is not null;

    /// <summary>"ip filter INPUT", "inet fw input".</summary>
    public string Label => $"{Family} {Table} {Name}";

    public bool Sees(AddressFamily family) => Family switch
    {
        "inet" => true,
        "ip" => family == AddressFamily.InterNetwork,
        "ip6" => family == AddressFamily.InterNetworkV6,
        _ => false,
    };
}

/// <summary>All chains read from every backend the host uses, and what could not be read.</summary>
public sealed record FirewallRuleset(IReadOnlyList<FirewallChain> Chains)
{
    public IReadOnlyList<string> Notes { get; init; } = [];

    public static FirewallRuleset Combine(IEnumerable<FirewallRuleset> parts)
    {
        var list = parts.ToList();
        return new FirewallRuleset([.. list.SelectMany(p => p.Chains)]) { Notes = [.. list.SelectMany(p => p.Notes)] };
    }

    public FirewallChain? Find(FirewallChain from, string name) =>
        Chains.FirstOrDefault(c => c.Source == from.Source && c.Family == from.Family && c.Table == from.Table && c.Name == name);
}
