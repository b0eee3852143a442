using NetLens.Core.Firewall.Rulesets;

namespace NetLens.Linux.Firewall;

/// <summary>The program names of each iptables flavour and family: iptables-nft-save, ip6tables-legacy-restore, …</summary>
public static class IptablesTools
{
    public static string Save(FirewallBackend backend, string family) => Name(backend, family, "save");

    public static string Restore(FirewallBackend backend, string family) => Name(backend, family, "restore");

    private static string Name(FirewallBackend backend, string family, string verb) =>
        $"{(family == "ip6" ? "ip6tables" : "iptables")}-{(backend == FirewallBackend.IptablesLegacy ? "legacy" : "nft")}-{verb}";
}
