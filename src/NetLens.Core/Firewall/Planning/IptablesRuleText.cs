using System.Globalization;
using NetLens.Core.Firewall.Rulesets;
using NetLens.Core.Firewall.Spec;

namespace NetLens.Core.Firewall.Planning;

/// <summary>
/// A <see cref="PortRule"/> in iptables' syntax: one --dport for a single port or range, the multiport match for lists
/// (at most 15 slots per rule, a range taking two, as xt_multiport allows), so 1000 ports are 67 rules, not 1000.
/// </summary>
public static class IptablesRuleText
{
    private const int MultiportSlots = 15;

    /// <summary>The rule specs (what follows "-A CHAIN"), in the order iptables-save prints their options.</summary>
    public static IReadOnlyList<string> Specs(PortRule rule)
    {
        var input = rule.Hook == FirewallHook.Input;
        var address = rule.Remote is { } r ? $"{(input ? "-s" : "-d")} {PortRule.PrefixText(r)} " : string.Empty;

        // iptables-save prints the interface after the addresses
        address += rule.Device is { } device ? $"{(input ? "-i" : "-o")} {device} " : string.Empty;
        var protocol = rule.Protocol.Word();
        var tail = $" -m comment --comment {IptablesWords.Quote(rule.Comment)} -j ACCEPT";
        if (rule.Protocol.IsIcmp())
        {
            var v6 = rule.Protocol == FirewallProtocol.Icmpv6;
            var type = rule.Ranges is [var t] ? (v6 ? $" -m icmp6 --icmpv6-type {Colon(t)}" : $" -m icmp --icmp-type {Colon(t)}") : string.Empty;
            return [$"{address}-p {(v6 ? "ipv6-icmp" : "icmp")}{type}{tail}"];
        }

        if (rule.Ranges.Count == 1)
        {
            return [$"{address}-p {protocol} -m {protocol} --dport {Colon(rule.Ranges[0])}{tail}"];
        }

        var specs = new List<string>();
        var chunk = new List<string>();
        var slots = 0;
        foreach (var range in rule.Ranges)
        {
            var need = range.IsSingle ? 1 : 2;
            if (slots + need > MultiportSlots)
            {
                specs.Add(Multiport(address, protocol, chunk, tail));
                chunk.Clear();
                slots = 0;
            }

            chunk.Add(Colon(range));
            slots += need;
        }

        specs.Add(Multiport(address, protocol, chunk, tail));
        return specs;
    }

    private static string Multiport(string address, string protocol, List<string> ports, string tail) =>
        $"{address}-p {protocol} -m multiport --dports {string.Join(',', ports)}{tail}";

    private static string Colon(PortRange range) =>
        range.IsSingle ? range.Low.ToString(CultureInfo.InvariantCulture) : $"{range.Low}:{range.High}";
}
