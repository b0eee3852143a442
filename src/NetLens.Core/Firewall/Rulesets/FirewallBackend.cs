namespace NetLens.Core.Firewall.Rulesets;

/// <summary>Which program owns a chain: native nftables, iptables on nf_tables (iptables-nft), or the old xtables (iptables-legacy).</summary>
public enum FirewallBackend
{
    Nftables,
    IptablesNft,
    IptablesLegacy,
}

/// <summary>--backend: auto opens wherever a drop would catch the packet; the others limit netlens to one program.</summary>
public enum BackendChoice
{
    Auto,
    Nftables,
    Iptables,
}

public static class FirewallBackendWords
{
    public static string Word(this FirewallBackend backend) => backend switch
    {
        FirewallBackend.Nftables => "nftables",
        FirewallBackend.IptablesNft => "iptables-nft",
        _ => "iptables-legacy",
    };

    /// <summary>The backend a chain's <c>Source</c> word names (the words of <see cref="Word"/>).</summary>
    public static FirewallBackend FromSource(string source) => source switch
    {
        "nftables" => FirewallBackend.Nftables,
        "iptables-legacy" => FirewallBackend.IptablesLegacy,
        _ => FirewallBackend.IptablesNft,
    };

    public static bool IsIptables(this FirewallBackend backend) => backend != FirewallBackend.Nftables;

    public static bool Allows(this BackendChoice choice, FirewallBackend backend) => choice switch
    {
        BackendChoice.Nftables => backend == FirewallBackend.Nftables,
        BackendChoice.Iptables => backend.IsIptables(),
        _ => true,
    };
}
