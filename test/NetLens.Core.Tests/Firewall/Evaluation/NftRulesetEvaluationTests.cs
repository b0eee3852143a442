using NetLens.Core.Firewall.Evaluation;
using NetLens.Core.Firewall.Rulesets;
using static NetLens.Core.Tests.Firewall.Evaluation.EvaluationFixtures;

namespace NetLens.Core.Tests.Firewall.Evaluation;

/// <summary>The evaluator on a ruleset captured from `nft -j list ruleset` (Fixtures/firewall/nft-mixed.nft is its text form).</summary>
public class NftRulesetEvaluationTests
{
    private static readonly FirewallRuleset Ruleset = NftJsonParser.Parse(NftMixed);

    [Theory]
    [InlineData(22, 5)] // named set @allowed
    [InlineData(1500, 6)] // anonymous set with a range: accepted here, but see the other table
    [InlineData(3000, 6)]
    [InlineData(5000, 10)] // vmap literal
    [InlineData(7100, 11)] // vmap @named map
    [InlineData(10, 14)] // tcp flags & (syn|ack) == syn
    public void Accepting_rule_is_named_by_its_position(int port, int position)
    {
        var result = Evaluate(Ruleset, Tcp(port));

        var accepted = result.Main.Steps.First(s => s.Chain.Name == "input" && s.Chain.Table == "fw");
        Assert.Equal(position, accepted.Rule?.Position);
    }

    [Fact]
    public void An_accept_in_one_table_does_not_override_a_drop_in_another()
    {
        var result = Evaluate(Ruleset, Tcp(1500));

        Assert.Equal(FirewallVerdict.Drop, result.Verdict);
        Assert.Equal("ip other input", result.Main.Decider!.Chain.Label);
        Assert.Equal("tcp dport 1500 drop", result.Main.Decider.Rule!.Text);
    }

    [Fact]
    public void Unmatched_port_falls_to_the_policy()
    {
        var result = Evaluate(Ruleset, Tcp(4444));

        Assert.Equal(FirewallVerdict.Drop, result.Verdict);
        Assert.Null(result.Main.Decider!.Rule);
        Assert.Equal("policy drop", result.Main.Decider.Outcome);
    }

    [Fact]
    public void Vmap_drop_entry_drops()
    {
        Assert.Equal(FirewallVerdict.Drop, Evaluate(Ruleset, Tcp(5001)).Verdict);
        Assert.Equal(FirewallVerdict.Drop, Evaluate(Ruleset, Tcp(7101)).Verdict);
    }

    [Fact]
    public void Named_interval_set_matches_ranges_and_prefixes()
    {
        Assert.True(Evaluate(Ruleset, Udp(53, from: "198.18.5.7")).Accepted);
        Assert.True(Evaluate(Ruleset, Udp(53, from: "198.18.0.200")).Accepted);
        Assert.False(Evaluate(Ruleset, Udp(53, from: "198.18.5.10")).Accepted);
    }

    [Fact]
    public void Goto_leaves_the_base_chain_for_good_and_return_goes_back_to_it()
    {
        // ct state new tcp dport 9 goto sub: sub does not accept 9, so input's policy decides, not the rules after the goto
        var result = Evaluate(Ruleset, Tcp(9));

        Assert.Equal(FirewallVerdict.Drop, result.Verdict);
        Assert.Contains(result.Main.Steps, s => s.Outcome == "goto sub");
    }

    [Fact]
    public void Ipv6_source_prefix_jumps_into_the_user_chain()
    {
        var result = Evaluate(Ruleset, Tcp6(8050));

        Assert.Equal(FirewallVerdict.Accept, result.Verdict);
        Assert.Equal("sub", result.Main.Steps.Last(s => s.Outcome == "accept").Chain.Name);
    }

    [Fact]
    public void Ipv4_address_rules_never_match_an_ipv6_packet()
    {
        // ip daddr 198.18.1.1 reject: an IPv6 packet skips it (nft's implicit "meta nfproto ipv4")
        var result = Evaluate(Ruleset, Tcp6(8080, from: "2001:db8:1::5"));

        Assert.Equal(FirewallVerdict.Drop, result.Verdict);
        Assert.Equal("policy drop", result.Main.Decider!.Outcome);
    }

    [Fact]
    public void A_missing_input_device_makes_an_iifname_rule_uncertain_and_says_so()
    {
        var result = Evaluate(Ruleset, Tcp(4444, iif: null));

        Assert.False(result.Certain);
        Assert.Null(result.Verdict);
        Assert.Contains(result.Doubts, d => d.Contains("input device (give --iif)", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_match_only_matters_when_the_paths_disagree()
    {
        // "limit rate" depends on traffic: port 11 is accepted if it holds and dropped by policy if not, so: uncertain, naming it
        var result = Evaluate(Ruleset, Tcp(11));

        Assert.False(result.Certain);
        Assert.Contains(result.Doubts, d => d.Contains("limit", StringComparison.Ordinal));

        // port 22 is accepted before the limit rule: certain, whatever the limit does
        Assert.True(Evaluate(Ruleset, Tcp(22)).Certain);
    }

    [Fact]
    public void Dnat_sends_the_packet_through_forward()
    {
        var result = Evaluate(Ruleset, Tcp(8443));

        Assert.True(result.Main.Forwarded);
        Assert.Equal(FirewallVerdict.Accept, result.Verdict);
        Assert.Equal("198.19.0.2", result.Main.FinalPacket.Destination!.ToString());
        Assert.Equal(443, result.Main.FinalPacket.DestinationPort);
        Assert.Equal("ip other forward", result.Main.Steps.Last().Chain.Label);
    }

    [Fact]
    public void Rule_text_reads_like_nft_list_ruleset()
    {
        var input = Ruleset.Chains.Single(c => c.Label == "inet fw input");

        Assert.Equal("tcp dport @allowed counter accept comment \"ssh and web\"", input.Rules[4].Text);
        Assert.Equal("tcp dport { 1000-2000, 3000 } accept", input.Rules[5].Text);
        Assert.Equal("ct state established,related accept", input.Rules[0].Text);
        Assert.Equal("iifname \"lo\" accept", input.Rules[2].Text);
        Assert.Equal(8, input.Rules[2].Handle);
    }

    [Fact]
    public void Interface_wildcards_match_by_prefix()
    {
        Assert.True(Evaluate(Ruleset, Tcp(12, iif: "veth12")).Accepted);
        Assert.False(Evaluate(Ruleset, Tcp(12, iif: "eth0")).Accepted);
    }

    [Fact]
    public void Not_nft_json_is_bad_input()
    {
        Assert.Throws<UsageException>(() => NftJsonParser.Parse("{\"x\": 1}"));
        Assert.Throws<UsageException>(() => NftJsonParser.Parse("not json"));
    }

    [Fact]
    public void Empty_ruleset_accepts_everything()
    {
        var result = Evaluate(NftJsonParser.Parse("{\"nftables\": [{\"metainfo\": {}}]}"), Tcp(22));

        Assert.True(result.Accepted);
        Assert.Null(result.Main.Decider);
        Assert.Empty(result.Main.Steps);
    }
}
