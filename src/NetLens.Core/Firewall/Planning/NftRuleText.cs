using System.Net.Sockets;
using NetLens.Core.Firewall.Rulesets;
using NetLens.Core.Firewall.Spec;

namespace NetLens.Core.Firewall.Planning;

/// <summary>A <see cref="PortRule"/> in nft's syntax: many ports become one anonymous set, so one rule covers them all.</summary>
public static class NftRuleText
{
    /// <summary>"ip saddr 198.18.0.2/32 udp dport { 80, 443 } accept comment \"…\"": in an inet chain the address match keeps it to one family.</summary>
    public static string Expression(PortRule rule)
    {
        var parts = new List<string>();
        if (rule.Device is { } device)
        {
            parts.Add($"{(rule.Hook == FirewallHook.Input ? "iifname" : "oifname")} \"{device}\"");
        }

        if (rule.Remote is { } remote)
        {
            var ip = remote.Family == AddressFamily.InterNetworkV6 ? "ip6" : "ip";
            parts.Add($"{ip} {(rule.Hook == FirewallHook.Input ? "saddr" : "daddr")} {PortRule.PrefixText(remote)}");
        }

        if (rule.Protocol.IsIcmp())
        {
            // "icmp type echo-request" (nft adds the protocol dependency itself), or the protocol alone for every type
            parts.Add(rule.IcmpTypeText is { } type ? $"{rule.Protocol.Word()} type {type}" : $"meta l4proto {(rule.Protocol == FirewallProtocol.Icmp ? "icmp" : "ipv6-icmp")}");
        }
        else
        {
            var ports = rule.Ranges.Count == 1 ? rule.Ranges[0].ToString() : "{ " + string.Join(", ", rule.Ranges) + " }";
            parts.Add($"{rule.Protocol.Word()} dport {ports}");
        }

        parts.Add($"accept comment \"{rule.Comment}\"");
        return string.Join(' ', parts);
    }

    /// <summary>Whether a chain of nft family <paramref name="family"/> sees the packets <paramref name="rule"/> is about.</summary>
    public static bool FamilyCovers(string family, PortRule rule) => family switch
    {
        "inet" => true,
        "ip" => rule.AppliesTo(AddressFamily.InterNetwork),
        "ip6" => rule.AppliesTo(AddressFamily.InterNetworkV6),
        _ => false,
    };
}
