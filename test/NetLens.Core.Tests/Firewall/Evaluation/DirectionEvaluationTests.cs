using System.Net;
using NetLens.Core.Firewall.Evaluation;
using NetLens.Core.Firewall.Rulesets;
using static NetLens.Core.Tests.Firewall.Evaluation.EvaluationFixtures;

namespace NetLens.Core.Tests.Firewall.Evaluation;

/// <summary>--direction out and forward: OUTPUT and FORWARD (and postrouting) judged exactly as INPUT is.</summary>
public class DirectionEvaluationTests
{
    private const string Save = """
        *filter
        :INPUT ACCEPT [0:0]
        :FORWARD DROP [0:0]
        :OUTPUT ACCEPT [0:0]
        -A INPUT -p tcp -m tcp --dport 80 -j DROP
        -A FORWARD -i eth0 -o eth1 -p tcp -m tcp --dport 443 -j ACCEPT
        -A OUTPUT -d 198.18.2.0/24 -p tcp -m tcp --dport 80 -j REJECT --reject-with icmp-admin-prohibited
        -A OUTPUT -o lo -j ACCEPT
        COMMIT
        """;

    private static readonly FirewallRuleset Ruleset = Iptables(Save);

    private static PacketQuery Out(int port, string to, string? oif = "eth0") =>
        Tcp(port, from: "198.18.0.1", to: to, iif: null) with { Direction = PacketDirection.Out, InputInterface = string.Empty, OutputInterface = oif };

    [Fact]
    public void Output_rule_rejects_what_input_would_not_see()
    {
        var result = Evaluate(Ruleset, Out(80, "198.18.2.7"));

        Assert.Equal(FirewallVerdict.Reject, result.Verdict);
        Assert.Equal("ip filter OUTPUT", result.Main.Decider!.Chain.Label);
        Assert.Equal(1, result.Main.Decider.Rule!.Position);
    }

    [Fact]
    public void Output_elsewhere_falls_to_the_output_policy_not_the_input_rule()
    {
        var result = Evaluate(Ruleset, Out(80, "198.18.3.7"));

        Assert.True(result.Accepted);
        Assert.Equal("policy accept", CheckReport.Decider(result.Main)!.Outcome);
        Assert.DoesNotContain(result.Main.Steps, s => s.Chain.Name == "INPUT");
    }

    [Fact]
    public void Output_device_unknown_splits_on_an_oif_rule_and_both_ways_accept()
    {
        var result = Evaluate(Ruleset, Out(22, "198.18.3.7", oif: null));

        Assert.Equal(2, result.Paths.Count);
        Assert.True(result.Accepted);
    }

    [Theory]
    [InlineData(443, "eth1", true, 1)]
    [InlineData(443, "eth2", false, null)]
    [InlineData(80, "eth1", false, null)]
    public void Forward_chain_decides_a_routed_packet(int port, string oif, bool accepted, int? position)
    {
        var packet = Tcp(port, from: "198.18.5.5", to: "198.18.6.6", iif: "eth0") with { Direction = PacketDirection.Forward, OutputInterface = oif };

        var result = Evaluate(Ruleset, packet);

        Assert.Equal(accepted, result.Accepted);
        Assert.Equal("ip filter FORWARD", CheckReport.Decider(result.Main)!.Chain.Label);
        Assert.Equal(position, CheckReport.Decider(result.Main)!.Rule?.Position);
    }

    [Fact]
    public void Nft_output_and_postrouting_hooks_are_both_walked()
    {
        const string Json = """
            {"nftables":[
             {"table":{"family":"inet","name":"t","handle":1}},
             {"chain":{"family":"inet","table":"t","name":"out","handle":1,"type":"filter","hook":"output","prio":0,"policy":"accept"}},
             {"chain":{"family":"inet","table":"t","name":"post","handle":2,"type":"filter","hook":"postrouting","prio":0,"policy":"accept"}},
             {"rule":{"family":"inet","table":"t","chain":"post","handle":3,"expr":[{"match":{"op":"==","left":{"payload":{"protocol":"udp","field":"dport"}},"right":8472}},{"drop":null}]}}
            ]}
            """;
        var ruleset = NftJsonParser.Parse(Json);
        var packet = Udp(8472, from: "198.18.0.1", to: "198.18.2.2", iif: null) with { Direction = PacketDirection.Out, InputInterface = string.Empty, OutputInterface = "eth0" };

        var result = RulesetEvaluator.Evaluate(ruleset, packet, new AssumedHostFacts(null));

        Assert.Equal(FirewallVerdict.Drop, result.Verdict);
        Assert.Equal("inet t post", result.Main.Decider!.Chain.Label);
        Assert.False(IPAddress.IsLoopback(result.Packet.Destination!));
    }
}
