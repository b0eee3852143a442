using System.Net.Sockets;
using NetLens.Core.Routing;
using NetLens.Core.Routing.Checks;
using NetLens.Core.Routing.Origin;

namespace NetLens.Core.Tests.Checks;

/// <summary>policy-detour, split-default and rule-before-main: traffic that does not go where `route -n` says.</summary>
public class PolicyAnalyzerTests
{
    private static List<RoutingFinding> Analyze(IRoutingAnalyzer analyzer, Snapshots s) => [.. analyzer.Analyze(new CheckContext(s.Build()))];

    private static Snapshots Lan()
    {
        var s = new Snapshots().Link("eth0").Link("wg0", kind: "wireguard").Link("tun0", kind: "tun").Link("eth1").Address("eth0", "198.18.0.10/24").Address("eth1", "198.18.1.10/24");
        return s.Route(s.Via("default", "198.18.0.1", "eth0", metric: 100));
    }

    [Fact]
    public void Wg_quick_rules_send_ordinary_traffic_to_table_51820_past_mains_default()
    {
        var s = Lan().Rules();
        s.Route(s.Direct("default", "wg0", table: 51820));

        var finding = Assert.Single(Analyze(new PolicyDetourAnalyzer(), s));

        Assert.Equal("policy-detour", finding.Id);
        Assert.Equal([31999u, 32000u], finding.Rules.Select(r => r.Priority));
        Assert.Equal(["taken", "shown by route -n"], finding.Routes.Select(r => r.Role));
        Assert.Equal(51820u, finding.Routes[0].Route.Table);
        Assert.Equal(RouteOriginKind.Vpn, finding.Routes[0].Origin.Kind);
        Assert.Contains("Main's default via 198.18.0.1 dev eth0 metric 100 is the default route -n shows, but rule 32000 sends ordinary traffic to table 51820", finding.Message, StringComparison.Ordinal);
        Assert.Contains("a packet to 192.0.2.1 leaves by default dev wg0 (table 51820)", finding.Message, StringComparison.Ordinal);
        Assert.Contains("rule 31999 looked first and gave way", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_kernels_default_rules_send_traffic_by_main()
    {
        Assert.Empty(Analyze(new PolicyDetourAnalyzer(), Lan().DefaultRules()));
    }

    [Fact]
    public void A_selective_rule_is_no_detour_for_ordinary_traffic()
    {
        var s = Lan().DefaultRules().Rule(new() { Family = AddressFamily.InterNetwork, Priority = 100, Table = 100, FwMark = 0x10 });
        s.Route(s.Via("default", "198.18.1.1", "eth1", table: 100));

        Assert.Empty(Analyze(new PolicyDetourAnalyzer(), s));
    }

    [Fact]
    public void A_selective_rule_before_main_to_a_table_with_a_default_is_a_notice()
    {
        var s = Lan().DefaultRules().Rule(new() { Family = AddressFamily.InterNetwork, Priority = 100, Table = 100, FwMark = 0x10 });
        s.Route(s.Via("default", "198.18.1.1", "eth1", table: 100));

        var finding = Assert.Single(Analyze(new RuleBeforeMainAnalyzer(), s));

        Assert.Equal("rule-before-main", finding.Id);
        Assert.Equal(FindingSeverity.Notice, finding.Severity);
        Assert.Equal(100u, Assert.Single(finding.Rules).Priority);
        Assert.Contains("Rule 100 is consulted before main (rule 32766) and leads to table 100, which has default via 198.18.1.1 dev eth1", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_after_main_or_to_narrow_tables_are_not_reported()
    {
        var s = Lan().DefaultRules()
            .Rule(new() { Family = AddressFamily.InterNetwork, Priority = 100, Table = 200, FwMark = 0x10 })
            .Rule(new() { Family = AddressFamily.InterNetwork, Priority = 40000, Table = 100 });
        s.Route(s.Via("default", "198.18.1.1", "eth1", table: 100)).Route(s.Via("198.18.30.0/24", "198.18.1.1", "eth1", table: 200));

        Assert.Empty(Analyze(new RuleBeforeMainAnalyzer(), s));
    }

    [Fact]
    public void The_rule_that_catches_ordinary_traffic_is_left_to_policy_detour()
    {
        var s = Lan().Rules();
        s.Route(s.Direct("default", "wg0", table: 51820));

        Assert.Empty(Analyze(new RuleBeforeMainAnalyzer(), s));
    }

    [Fact]
    public void Two_halves_of_the_address_space_override_the_default()
    {
        var s = Lan().DefaultRules();
        s.Route(s.Direct("0.0.0.0/1", "tun0")).Route(s.Direct("128.0.0.0/1", "tun0"));

        var finding = Assert.Single(Analyze(new SplitDefaultAnalyzer(), s));

        Assert.Equal("split-default", finding.Id);
        Assert.Equal(["lower half", "upper half", "shown by route -n"], finding.Routes.Select(r => r.Role));
        Assert.Equal(RouteOriginKind.Vpn, finding.Routes[0].Origin.Kind);
        Assert.Contains("0.0.0.0/1 dev tun0 and 128.0.0.0/1 dev tun0 together cover every address", finding.Message, StringComparison.Ordinal);
        Assert.Contains("traffic goes dev tun0.", finding.Message, StringComparison.Ordinal);
        Assert.Empty(Analyze(new PolicyDetourAnalyzer(), s));
    }

    [Fact]
    public void One_half_alone_is_no_split_default()
    {
        var s = Lan().DefaultRules();
        s.Route(s.Direct("0.0.0.0/1", "tun0"));

        Assert.Empty(Analyze(new SplitDefaultAnalyzer(), s));
    }

    [Fact]
    public void The_resolver_follows_suppress_prefixlength_and_throw()
    {
        var s = Lan().Rules()
            .Rule(new() { Family = AddressFamily.InterNetwork, Priority = 10, Table = 300 });
        s.Route(s.Direct("default", "wg0", table: 51820))
            .Route(new Route { Family = AddressFamily.InterNetwork, Type = RouteType.Throw, Destination = Snapshots.Prefix("192.0.2.0/24"), Table = 300 });
        var context = new CheckContext(s.Build());

        var path = PolicyPathResolver.Resolve(context, PolicyPathResolver.GenericPacket(System.Net.IPAddress.Parse("192.0.2.1")));

        Assert.Equal(32000u, path.Rule?.Priority);
        Assert.Equal(51820u, path.Route?.Table);
        Assert.Equal([10u, 31999u], path.GaveWay.Select(r => r.Priority));
    }
}
