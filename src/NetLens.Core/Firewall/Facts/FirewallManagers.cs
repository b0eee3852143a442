namespace NetLens.Core.Firewall.Facts;

/// <summary>Firewall managers that rewrite the ruleset from their own configuration: rules added beside them vanish on their next reload.</summary>
public static class FirewallManagers
{
    public static FirewallFacts Detect(IReadOnlyList<FirewallChain> chains) => new(
        chains,
        UfwManaged: chains.Any(c => c.Name.StartsWith("ufw-", StringComparison.Ordinal) || c.Name.StartsWith("ufw6-", StringComparison.Ordinal)),
        FirewalldManaged: chains.Any(c => (c.Backend == FirewallBackend.Nftables && c.Table == "firewalld") || c.Name is "INPUT_direct" or "IN_public"));
}
