using NetLens.Core.Firewall.Planning;

namespace NetLens.Core.Firewall.Facts;

/// <summary>A rule as far as netlens needs it: its comment, and how to delete it (nft handle, or iptables-save's line).</summary>
public sealed record ChainRule(string? Comment, string Reference);

/// <summary>
/// A chain of the live ruleset. <see cref="Family"/> is nft's (ip, ip6, inet); iptables chains are "ip" (iptables) or "ip6"
/// (ip6tables). <see cref="CouldDrop"/>: its policy drops, or a drop/reject verdict is reachable from it.
/// </summary>
public sealed record FirewallChain(
    FirewallBackend Backend,
    string Family,
    string Table,
    string Name,
    FirewallHook? Hook,
    bool CouldDrop,
    IReadOnlyList<ChainRule> Rules)
{
    public bool IsBase => Hook is not null;

    /// <summary>"inet filter input" (nft) or "ip6tables filter INPUT": where a change goes, in the words of its tool.</summary>
    public string Place => Backend == FirewallBackend.Nftables
        ? $"{Family} {Table} {Name}"
        : $"{(Family == "ip6" ? "ip6tables" : "iptables")}{(Backend == FirewallBackend.IptablesLegacy ? "-legacy" : string.Empty)} {Table} {Name}";
}

/// <summary>The live firewall, every backend at once, and the managers found in it.</summary>
public sealed record FirewallFacts(IReadOnlyList<FirewallChain> Chains, bool UfwManaged, bool FirewalldManaged)
{
    public static FirewallFacts Empty { get; } = new([], false, false);
}
