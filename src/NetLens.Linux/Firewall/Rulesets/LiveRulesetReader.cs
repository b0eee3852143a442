using System.Net.Sockets;
using NetLens.Core;
using NetLens.Core.Firewall.Evaluation;

namespace NetLens.Linux.Firewall.Rulesets;

/// <summary>
/// Reads every ruleset the kernel evaluates: nftables (nft -j), iptables-nft (its tables read back as iptables-save text,
/// and left out of nft's listing so they count once), and iptables-legacy (x_tables, which nft cannot see).
/// </summary>
public static class LiveRulesetReader
{
    public const string IptablesNft = "iptables-nft";
    public const string IptablesLegacy = "iptables-legacy";

    /// <summary>What was read and with which tools (for --verbose and JSON).</summary>
    public sealed record LiveRuleset(FirewallRuleset Ruleset, IReadOnlyList<string> Tools);

    public static LiveRuleset Read(string? netns)
    {
        var parts = new List<FirewallRuleset>();
        var tools = new List<string>();
        var iptablesNftTables = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (program, family, source) in SaveTools())
        {
            if (RulesetCommand.Run(program, [], netns) is not { } text)
            {
                continue;
            }

            tools.Add(program);
            var ruleset = IptablesSaveParser.Parse(text, family, source);
            parts.Add(ruleset);
            if (source == IptablesNft)
            {
                foreach (var chain in ruleset.Chains)
                {
                    iptablesNftTables.Add($"{chain.Family} {chain.Table}");
                }
            }
        }

        if (RulesetCommand.Run("nft", ["-j", "list", "ruleset"], netns) is { } json)
        {
            tools.Add("nft -j list ruleset");
            parts.Insert(0, NftJsonParser.Parse(json, iptablesNftTables));
        }

        if (tools.Count == 0)
        {
            throw new IOException("neither nft nor iptables-save is installed: there is no ruleset to read (or give --ruleset FILE)");
        }

        return new LiveRuleset(FirewallRuleset.Combine(parts), tools);
    }

    /// <summary>
    /// The variant tools where installed (iptables 1.8+); else plain iptables-save, whose variant its header names
    /// ("(nf_tables)" or "(legacy)"; before 1.8 there was only legacy).
    /// </summary>
    private static IEnumerable<(string Program, AddressFamily Family, string Source)> SaveTools()
    {
        if (RulesetCommand.Find("iptables-nft-save") is not null || RulesetCommand.Find("iptables-legacy-save") is not null)
        {
            return
            [
                ("iptables-nft-save", AddressFamily.InterNetwork, IptablesNft),
                ("ip6tables-nft-save", AddressFamily.InterNetworkV6, IptablesNft),
                ("iptables-legacy-save", AddressFamily.InterNetwork, IptablesLegacy),
                ("ip6tables-legacy-save", AddressFamily.InterNetworkV6, IptablesLegacy),
            ];
        }

        var variant = RulesetCommand.Run("iptables-save", ["--version"], null)?.Contains("nf_tables", StringComparison.Ordinal) == true ? IptablesNft : IptablesLegacy;
        return [("iptables-save", AddressFamily.InterNetwork, variant), ("ip6tables-save", AddressFamily.InterNetworkV6, variant)];
    }

    /// <summary>A saved ruleset: `nft -j list ruleset` output, or iptables-save / ip6tables-save text.</summary>
    public static FirewallRuleset ReadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new UsageException($"ruleset file '{path}' not found");
        }

        return SavedRulesetParser.Parse(text);
    }
}
