using System.Net.Sockets;

namespace NetLens.Core.Firewall.Rulesets;

/// <summary>A ruleset saved to a file: nft JSON (starts with '{'), or iptables-save text (ip6tables-save when its header or addresses say so).</summary>
public static class SavedRulesetParser
{
    public const string Source = "file";

    public static FirewallRuleset Parse(string text)
    {
        var trimmed = text.TrimStart();
        if (trimmed.StartsWith('{'))
        {
            return NftJsonParser.Parse(text);
        }

        if (!trimmed.StartsWith('#') && !trimmed.StartsWith('*'))
        {
            throw new UsageException("the ruleset file is neither nft JSON (nft -j list ruleset) nor iptables-save text");
        }

        return IptablesSaveParser.Parse(text, LooksIpv6(text) ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork, Source);
    }

    /// <summary>ip6tables-save names itself in its header; without one, an IPv6 address in -s/-d gives it away.</summary>
    private static bool LooksIpv6(string text) =>
        text.Contains("ip6tables-save", StringComparison.Ordinal)
        || text.Split('\n').Any(line => line.StartsWith("-A", StringComparison.Ordinal)
            && line.Split(' ').Zip(line.Split(' ').Skip(1)).Any(pair => pair.First is "-s" or "-d" && pair.Second.Contains(':', StringComparison.Ordinal)));
}
