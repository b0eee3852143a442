using System.Net.Sockets;

namespace NetLens.Core.Firewall.Rulesets;

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

/// <summary>
/// One rule, as its backend lists it: its 1-based position in the chain, the nft handle, its text (for iptables the
/// saved line itself) and its comment (how netlens finds its own rules again).
/// </summary>
public sealed record FirewallRule(int Position, string Text, IReadOnlyList<Match> Matches, RuleAction Action)
{
    public long? Handle { get; init; }

    public string? Comment { get; init; }

    /// <summary>How to delete exactly this rule: nft's handle, or iptables-save's line (with -A turned into -D).</summary>
    public string Reference => Handle is { } handle ? handle.ToString(System.Globalization.CultureInfo.InvariantCulture) : Text;
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

    /// <summary>The program that owns the chain; a saved file's chains (<see cref="SavedRulesetParser.Source"/>) count as iptables-nft's.</summary>
    public FirewallBackend Backend => FirewallBackendWords.FromSource(Source);

    /// <summary>"inet filter input" (nft) or "ip6tables filter INPUT": where a change goes, in the words of its tool.</summary>
    public string Place => Backend == FirewallBackend.Nftables
        ? $"{Family} {Table} {Name}"
        : $"{(Family == "ip6" ? "ip6tables" : "iptables")}{(Backend == FirewallBackend.IptablesLegacy ? "-legacy" : string.Empty)} {Table} {Name}";

    /// <summary>
    /// Where netlens puts an accept: a base chain that filters (nft type filter; for iptables the filter table — the
    /// mangle, raw and security tables are left as `port open` always left them).
    /// </summary>
    public bool IsFilterBase => IsBase && Type == "filter" && (Backend == FirewallBackend.Nftables || Table == "filter");

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
