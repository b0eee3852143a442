using System.Net;
using System.Net.Sockets;
using NetLens.Core.Addressing;
using NetLens.Core.Routing;
using NetLens.Core.Routing.Policy;

namespace NetLens.Core.Tests.Policy;

public class PolicyRuleMatcherTests
{
    private static readonly PacketFacts Packet = new()
    {
        Destination = IPAddress.Parse("198.18.7.9"),
        Mark = 0x10,
        Uid = 1000,
    };

    private static PolicyRule Rule(uint priority, uint table) => new() { Family = AddressFamily.InterNetwork, Priority = priority, Table = table };

    private static IpPrefix Prefix(string text) => IpPrefix.TryParse(text, out var p) ? p : throw new ArgumentException(text);

    [Fact]
    public void A_rule_without_selectors_selects_every_packet() => Assert.True(PolicyRuleMatcher.Selects(Rule(0, 255), Packet));

    [Fact]
    public void Fwmark_compares_under_the_mask()
    {
        Assert.True(PolicyRuleMatcher.Selects(Rule(1, 100) with { FwMark = 0x10 }, Packet));
        Assert.False(PolicyRuleMatcher.Selects(Rule(1, 100) with { FwMark = 0x11 }, Packet));
        Assert.True(PolicyRuleMatcher.Selects(Rule(1, 100) with { FwMark = 0x11, FwMask = 0xf0 }, Packet));
    }

    [Fact]
    public void A_from_rule_does_not_select_a_packet_without_source_unless_it_is_from_all()
    {
        Assert.False(PolicyRuleMatcher.Selects(Rule(1, 100) with { From = Prefix("198.19.0.0/16") }, Packet));
        Assert.True(PolicyRuleMatcher.Selects(Rule(1, 100) with { From = Prefix("198.19.0.0/16") }, Packet with { Source = IPAddress.Parse("198.19.3.3") }));
    }

    [Fact]
    public void Uid_ranges_are_inclusive()
    {
        Assert.True(PolicyRuleMatcher.Selects(Rule(1, 100) with { UidRange = new PortRange(1000, 1000) }, Packet));
        Assert.False(PolicyRuleMatcher.Selects(Rule(1, 100) with { UidRange = new PortRange(0, 999) }, Packet));
    }

    [Fact]
    public void Not_inverts_the_whole_selector()
    {
        var notMark = Rule(1, 100) with { FwMark = 0x10, Invert = true };
        Assert.False(PolicyRuleMatcher.Selects(notMark, Packet));
        Assert.True(PolicyRuleMatcher.Selects(notMark, Packet with { Mark = 0 }));
    }

    [Fact]
    public void Local_packets_arrive_on_lo_for_iif_rules()
    {
        Assert.True(PolicyRuleMatcher.Selects(Rule(1, 100) with { InputInterface = "lo" }, Packet));
        Assert.False(PolicyRuleMatcher.Selects(Rule(1, 100) with { InputInterface = "eth0" }, Packet));
    }

    [Fact]
    public void The_mismatch_is_said_in_words()
    {
        var reason = PolicyRuleMatcher.FirstMismatch(Rule(1, 100) with { To = Prefix("198.18.8.0/24") }, Packet);
        Assert.Equal("to 198.18.8.0/24 does not contain 198.18.7.9", reason);
    }

    [Fact]
    public void The_deciding_rule_is_the_first_that_selects_and_leads_to_the_answering_table()
    {
        IReadOnlyList<PolicyRule> rules =
        [
            Rule(0, RouteTables.Local),
            Rule(100, 100) with { FwMark = 0x99 },
            Rule(200, 100) with { FwMark = 0x10 },
            Rule(32766, RouteTables.Main),
        ];

        Assert.Equal(200u, DecidingRuleFinder.Find(rules, Packet, answerTable: 100, matchedPrefixLength: 24)?.Priority);
        Assert.Equal(32766u, DecidingRuleFinder.Find(rules, Packet, answerTable: RouteTables.Main, matchedPrefixLength: 24)?.Priority);
    }

    [Fact]
    public void Suppress_prefixlength_skips_a_rule_whose_answer_is_too_short()
    {
        IReadOnlyList<PolicyRule> rules =
        [
            Rule(32764, RouteTables.Main) with { SuppressPrefixLength = 0 },
            Rule(32765, RouteTables.Main),
        ];

        Assert.Equal(32765u, DecidingRuleFinder.Find(rules, Packet, RouteTables.Main, matchedPrefixLength: 0)?.Priority);
        Assert.Equal(32764u, DecidingRuleFinder.Find(rules, Packet, RouteTables.Main, matchedPrefixLength: 8)?.Priority);
    }

    [Fact]
    public void A_prohibit_rule_decides_when_there_is_no_route()
    {
        IReadOnlyList<PolicyRule> rules = [Rule(10, 0) with { Action = RuleAction.Prohibit, FwMark = 0x10 }];
        Assert.Equal(10u, DecidingRuleFinder.Find(rules, Packet, answerTable: null, matchedPrefixLength: null)?.Priority);
    }
}
