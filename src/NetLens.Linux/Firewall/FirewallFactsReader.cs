using NetLens.Core.Firewall.Facts;
using NetLens.Linux.Namespaces;

namespace NetLens.Linux.Firewall;

/// <summary>
/// Reads the live firewall of every backend present: the native nftables tables (`nft -j list ruleset`), the tables
/// iptables-nft owns (iptables-nft-save: they are nf_tables tables too, but only iptables may edit them) and
/// iptables-legacy's (iptables-legacy-save). A save tool runs only where its tables exist, so a host with one
/// firewall pays for one or two programs, not five. Nothing is changed.
/// </summary>
public static class FirewallFactsReader
{
    private static readonly string[] Families = ["ip", "ip6"];

    public static FirewallFacts Read(FirewallTool tool)
    {
        var chains = new List<FirewallChain>();
        var nftJson = FirewallTool.Exists("nft") ? tool.Check("nft", ["-j", "list", "ruleset"]) : null;
        var nftTables = nftJson is null ? null : NftRulesetParser.TableNames(nftJson);
        var legacyTables = LegacyTableNames(tool.Netns);
        var iptablesNftTables = new HashSet<string>(StringComparer.Ordinal);
        foreach (var family in Families)
        {
            // iptables-nft's tables are nf_tables tables: the JSON listing shows whether there is a filter table to read
            if ((nftTables is null || nftTables.Contains($"{family} filter")) && Save(tool, FirewallBackend.IptablesNft, family) is { } saved)
            {
                chains.AddRange(IptablesSaveParser.Parse(saved, FirewallBackend.IptablesNft, family));
                foreach (var table in saved.Split('\n').Where(l => l.StartsWith('*')))
                {
                    iptablesNftTables.Add($"{family} {table[1..].Trim()}");
                }
            }

            if (legacyTables[family] && Save(tool, FirewallBackend.IptablesLegacy, family) is { } legacy)
            {
                chains.AddRange(IptablesSaveParser.Parse(legacy, FirewallBackend.IptablesLegacy, family));
            }
        }

        if (nftJson is not null)
        {
            chains.AddRange(NftRulesetParser.Parse(nftJson, iptablesNftTables));
        }

        return FirewallManagers.Detect(chains);
    }

    private static string? Save(FirewallTool tool, FirewallBackend backend, string family)
    {
        var program = IptablesTools.Save(backend, family);
        return FirewallTool.Exists(program) ? tool.Check(program, []) : null;
    }

    /// <summary>
    /// Whether xtables (legacy) has a filter table in the namespace: /proc/net/ip_tables_names lists the tables the
    /// kernel instantiated there; absent or without "filter" means iptables-legacy filters nothing.
    /// </summary>
    private static Dictionary<string, bool> LegacyTableNames(string? netns)
    {
        // thread-self: /proc/net follows the process's namespace, and only this thread entered the lab's
        static Dictionary<string, bool> Read() => new()
        {
            ["ip"] = HasFilter("/proc/thread-self/net/ip_tables_names"),
            ["ip6"] = HasFilter("/proc/thread-self/net/ip6_tables_names"),
        };

        return netns is { } ns ? NetworkNamespace.Run(ns, Read) : Read();
    }

    private static bool HasFilter(string path)
    {
        try
        {
            return File.ReadAllLines(path).Any(l => l.Trim() == "filter");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
