using System.Net;
using System.Net.Sockets;
using NetLens.Core.Firewall.Evaluation;
using NetLens.Core.Firewall.Rulesets;
using NetLens.Core.Services;
using static NetLens.Core.Tests.Firewall.Evaluation.EvaluationFixtures;

namespace NetLens.Core.Tests.Firewall.Evaluation;

/// <summary>ICMP and ICMPv6 as asked protocols: the type matches of both backends, and the SPECs that name them.</summary>
public class IcmpEvaluationTests
{
    private const string Save = """
        *filter
        :INPUT DROP [0:0]
        :FORWARD ACCEPT [0:0]
        :OUTPUT ACCEPT [0:0]
        -A INPUT -p icmp -m icmp --icmp-type 8 -j ACCEPT
        -A INPUT -p icmp -m icmp --icmp-type 3/4 -j ACCEPT
        -A INPUT -p tcp -m tcp --dport 22 -j ACCEPT
        COMMIT
        """;

    private static PacketQuery Icmp(int? type, AddressFamily family = AddressFamily.InterNetwork) => new()
    {
        Family = family,
        Protocol = family == AddressFamily.InterNetwork ? PacketQuery.Icmp : PacketQuery.Icmpv6,
        DestinationPort = 0,
        IcmpType = type,
        Source = IPAddress.Parse(family == AddressFamily.InterNetwork ? "198.18.0.5" : "2001:db8::5"),
        InputInterface = "eth0",
    };

    [Fact]
    public void Iptables_icmp_type_accepts_echo_request_by_its_rule()
    {
        var result = Evaluate(Iptables(Save), Icmp(8));

        Assert.True(result.Accepted);
        Assert.Equal(1, CheckReport.Decider(result.Main)!.Rule!.Position);
    }

    [Fact]
    public void Iptables_other_icmp_type_falls_to_the_policy_not_the_tcp_rule()
    {
        var result = Evaluate(Iptables(Save), Icmp(13));

        Assert.Equal(FirewallVerdict.Drop, result.Verdict);
        Assert.Null(result.Main.Decider!.Rule);
    }

    [Fact]
    public void Any_icmp_type_against_a_type_rule_is_uncertain()
    {
        var result = Evaluate(Iptables(Save), Icmp(null));

        Assert.False(result.Certain);
        Assert.Contains(result.Doubts, d => d.Contains("ICMP type", StringComparison.Ordinal));
    }

    [Fact]
    public void Nft_icmpv6_type_set_matches_by_name_and_number()
    {
        const string Json = """
            {"nftables":[
             {"table":{"family":"inet","name":"t","handle":1}},
             {"chain":{"family":"inet","table":"t","name":"input","handle":1,"type":"filter","hook":"input","prio":0,"policy":"drop"}},
             {"rule":{"family":"inet","table":"t","chain":"input","handle":2,"expr":[{"match":{"op":"==","left":{"payload":{"protocol":"icmpv6","field":"type"}},"right":{"set":["echo-request","nd-neighbor-solicit"]}}},{"accept":null}]}},
             {"rule":{"family":"inet","table":"t","chain":"input","handle":3,"expr":[{"match":{"op":"==","left":{"payload":{"protocol":"icmp","field":"type"}},"right":"echo-request"}},{"accept":null}]}}
            ]}
            """;
        var ruleset = NftJsonParser.Parse(Json);

        Assert.True(Evaluate(ruleset, Icmp(128, AddressFamily.InterNetworkV6)).Accepted);
        Assert.True(Evaluate(ruleset, Icmp(135, AddressFamily.InterNetworkV6)).Accepted);
        Assert.False(Evaluate(ruleset, Icmp(129, AddressFamily.InterNetworkV6)).Accepted);
        Assert.Equal(2, CheckReport.Decider(Evaluate(ruleset, Icmp(8)).Main)!.Rule!.Position);
    }

    [Theory]
    [InlineData("icmp", PacketQuery.Icmp, null)]
    [InlineData("icmp/echo-request", PacketQuery.Icmp, 8)]
    [InlineData("ICMP/8", PacketQuery.Icmp, 8)]
    [InlineData("icmpv6/echo-request", PacketQuery.Icmpv6, 128)]
    [InlineData("icmpv6/2", PacketQuery.Icmpv6, 2)]
    public void Icmp_specs_name_the_protocol_and_the_type(string text, int protocol, int? type)
    {
        var spec = CheckedPort.Resolve(text, ServicesTable.Empty, "/etc/services");

        Assert.Equal([protocol], spec.Protocols);
        Assert.Equal(type, spec.IcmpType);
    }

    [Theory]
    [InlineData("icmp/echo-nonsense")]
    [InlineData("icmpv6/256")]
    public void Bad_icmp_types_are_usage_errors(string text) =>
        Assert.Throws<UsageException>(() => CheckedPort.Resolve(text, ServicesTable.Empty, "/etc/services"));
}
