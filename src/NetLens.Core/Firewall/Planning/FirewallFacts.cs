using NetLens.Core.Firewall.Rulesets;

namespace NetLens.Core.Firewall.Planning;

/// <summary>
/// The live firewall as `port open/close` plans against it: the ruleset of every backend (the same model `port check`
/// evaluates), the chains that can drop, and the managers that rewrite the ruleset from their own configuration (rules
/// added beside them vanish on their next reload).
/// </summary>
public sealed class FirewallFacts
{
    private readonly IReadOnlySet<FirewallChain> dropCapable;

    public FirewallFacts(FirewallRuleset ruleset)
    {
        Ruleset = ruleset;
        dropCapable = ChainReachability.DropCapable(ruleset);
        UfwManaged = Chains.Any(c => c.Name.StartsWith("ufw-", StringComparison.Ordinal) || c.Name.StartsWith("ufw6-", StringComparison.Ordinal));
        FirewalldManaged = Chains.Any(c => (c.Backend == FirewallBackend.Nftables && c.Table == "firewalld") || c.Name is "INPUT_direct" or "IN_public");
    }

    public static FirewallFacts Empty { get; } = new(new FirewallRuleset([]));

    public FirewallRuleset Ruleset { get; }

    public IReadOnlyList<FirewallChain> Chains => Ruleset.Chains;

    public bool UfwManaged { get; }

    public bool FirewalldManaged { get; }

    /// <summary>Its policy drops, or a drop/reject verdict is reachable from it.</summary>
    public bool CouldDrop(FirewallChain chain) => dropCapable.Contains(chain);
}
