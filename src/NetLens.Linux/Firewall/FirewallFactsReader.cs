using NetLens.Core.Firewall.Facts;

namespace NetLens.Linux.Firewall;

/// <summary>
/// Reads the live firewall of every backend present: the native nftables tables (`nft -j list ruleset`), the tables
/// iptables-nft owns (iptables-nft-save: they are nf_tables tables too, but only iptables may edit them) and
/// iptables-legacy's (iptables-legacy-save). Nothing is changed.
/// </summary>
public static class FirewallFactsReader
{
    private static readonly string[] Families = ["ip", "ip6"];

    public static FirewallFacts Read(FirewallTool tool)
    {
        var chains = new List<FirewallChain>();
        var iptablesNftTables = new HashSet<string>(StringComparer.Ordinal);
        foreach (var backend in new[] { FirewallBackend.IptablesNft, FirewallBackend.IptablesLegacy })
        {
            foreach (var family in Families)
            {
                var program = IptablesTools.Save(backend, family);
                if (!FirewallTool.Exists(program))
                {
                    continue;
                }

                var saved = tool.Check(program, []);
                chains.AddRange(IptablesSaveParser.Parse(saved, backend, family));
                if (backend == FirewallBackend.IptablesNft)
                {
                    foreach (var table in OwnedTables(saved))
                    {
                        iptablesNftTables.Add($"{family} {table}");
                    }
                }
            }
        }

        if (FirewallTool.Exists("nft"))
        {
            chains.AddRange(NftRulesetParser.Parse(tool.Check("nft", ["-j", "list", "ruleset"]), iptablesNftTables));
        }

        return FirewallManagers.Detect(chains);
    }

    /// <summary>The "*table" sections iptables-nft-save printed; a native table of the same name is reported as incompatible instead.</summary>
    private static IEnumerable<string> OwnedTables(string saved) =>
        saved.Split('\n').Where(l => l.StartsWith('*')).Select(l => l[1..].Trim());
}
