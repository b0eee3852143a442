using System.Net;
using System.Net.Sockets;
using NetLens.Core.Routing;
using NetLens.Core.Routing.Checks;

namespace NetLens.Core.Tests.Checks;

/// <summary>routes-outside-main, table-unreachable, duplicate-default, gateway-off-link, route-on-down-link.</summary>
public class TableAndLinkAnalyzerTests
{
    private static List<RoutingFinding> Analyze(IRoutingAnalyzer analyzer, Snapshots s) => [.. analyzer.Analyze(new CheckContext(s.Build()))];

    private static Snapshots Lan() => new Snapshots().Link("eth0").Link("eth1").Address("eth0", "198.18.0.10/24").Address("eth1", "198.18.1.10/24").DefaultRules();

    [Fact]
    public void A_table_no_rule_looks_up_is_unreachable()
    {
        var s = Lan();
        s.Route(s.Via("198.18.30.0/24", "198.18.1.9", "eth1", table: 200));

        var finding = Assert.Single(Analyze(new HiddenTableAnalyzer(), s));

        Assert.Equal("table-unreachable", finding.Id);
        Assert.Equal(FindingSeverity.Warning, finding.Severity);
        Assert.Contains("Table 200 holds 1 route but no policy rule looks it up (3 rules, none with `lookup 200`)", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_a_rule_leads_to_holds_routes_route_n_does_not_show()
    {
        var s = Lan().Rule(new() { Family = AddressFamily.InterNetwork, Priority = 100, Table = 100, FwMark = 0x10 });
        s.Route(s.Via("default", "198.18.1.1", "eth1", table: 100)).Route(s.Direct("198.18.0.0/24", "eth0", table: 100));

        var finding = Assert.Single(Analyze(new HiddenTableAnalyzer(), s));

        Assert.Equal("routes-outside-main", finding.Id);
        Assert.Equal(FindingSeverity.Notice, finding.Severity);
        Assert.Equal("default", CheckContext.Destination(Assert.Single(finding.Routes).Route.Destination));
        Assert.Equal(100u, Assert.Single(finding.Rules).Priority);
    }

    [Fact]
    public void A_table_whose_routes_are_all_in_main_too_hides_nothing()
    {
        var s = Lan().Rule(new() { Family = AddressFamily.InterNetwork, Priority = 100, Table = 100, FwMark = 0x10 });
        s.Route(s.Direct("198.18.0.0/24", "eth0", table: 100) with { Protocol = RouteProtocols.Kernel, Scope = RouteScope.Link, PreferredSource = IPAddress.Parse("198.18.0.10") });

        Assert.Empty(Analyze(new HiddenTableAnalyzer(), s));
    }

    [Fact]
    public void The_default_tables_are_not_hidden()
    {
        Assert.Empty(Analyze(new HiddenTableAnalyzer(), Lan()));
    }

    [Fact]
    public void Two_defaults_with_the_same_metric_are_reported_once_with_both_routes()
    {
        var s = Lan();
        s.Route(s.Via("default", "198.18.0.1", "eth0", metric: 100)).Route(s.Via("default", "198.18.1.1", "eth1", metric: 100));

        var finding = Assert.Single(Analyze(new DuplicateDefaultAnalyzer(), s));

        Assert.Equal("duplicate-default", finding.Id);
        Assert.Equal(["used", "standby"], finding.Routes.Select(r => r.Role));
        Assert.StartsWith("2 default routes in table main have metric 100 (via 198.18.0.1 dev eth0; via 198.18.1.1 dev eth1)", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_with_different_metrics_or_in_different_tables_are_fine()
    {
        var s = Lan();
        s.Route(s.Via("default", "198.18.0.1", "eth0", metric: 100))
            .Route(s.Via("default", "198.18.1.1", "eth1", metric: 200))
            .Route(s.Via("default", "198.18.1.1", "eth1", metric: 100, table: 100));

        Assert.Empty(Analyze(new DuplicateDefaultAnalyzer(), s));
    }

    [Fact]
    public void An_ecmp_default_is_one_route()
    {
        var s = Lan();
        s.Route(new Route
        {
            Family = AddressFamily.InterNetwork,
            Destination = Snapshots.Prefix("default"),
            Nexthops = [new() { Gateway = IPAddress.Parse("198.18.0.1"), OutputInterface = s.Dev("eth0") }, new() { Gateway = IPAddress.Parse("198.18.1.1"), OutputInterface = s.Dev("eth1"), Weight = 3 }],
        });

        Assert.Empty(Analyze(new DuplicateDefaultAnalyzer(), s));
        Assert.Empty(Analyze(new GatewayOffLinkAnalyzer(), s));
    }

    [Fact]
    public void A_gateway_outside_every_network_of_its_device_is_an_error()
    {
        var s = Lan();
        s.Route(s.Via("198.18.50.0/24", "198.18.9.9", "eth0"));

        var finding = Assert.Single(Analyze(new GatewayOffLinkAnalyzer(), s));

        Assert.Equal("gateway-off-link", finding.Id);
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Contains("Gateway 198.18.9.9 of 198.18.50.0/24 via 198.18.9.9 dev eth0 is on no connected network of eth0 (its networks are 198.18.0.0/24)", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_ecmp_nexthop_outside_its_devices_networks_is_reported()
    {
        var s = Lan();
        s.Route(new Route
        {
            Family = AddressFamily.InterNetwork,
            Destination = Snapshots.Prefix("198.18.11.0/24"),
            Nexthops = [new() { Gateway = IPAddress.Parse("198.18.0.1"), OutputInterface = s.Dev("eth0") }, new() { Gateway = IPAddress.Parse("198.18.0.2"), OutputInterface = s.Dev("eth1") }],
        });

        var finding = Assert.Single(Analyze(new GatewayOffLinkAnalyzer(), s));

        Assert.Contains("Gateway 198.18.0.2", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Onlink_gateways_link_local_gateways_and_gateways_in_an_address_prefix_are_fine()
    {
        var s = Lan();
        s.Route(s.Via("198.18.52.0/24", "198.19.9.9", "eth0", flags: RouteFlags.OnLink))
            .Route(s.Via("198.18.53.0/24", "198.18.1.1", "eth1"))
            .Route(new Route { Family = AddressFamily.InterNetworkV6, Destination = Snapshots.Prefix("2001:db8:10::/48"), Gateway = IPAddress.Parse("fe80::1"), OutputInterface = s.Dev("eth0") });

        Assert.Empty(Analyze(new GatewayOffLinkAnalyzer(), s));
    }

    [Fact]
    public void Routes_on_an_administratively_down_link_are_reported_per_link()
    {
        var s = Lan().Link("eth2", up: false);
        s.Route(s.Direct("198.18.60.0/24", "eth2")).Route(s.Via("198.18.61.0/24", "198.18.60.1", "eth2"));

        var finding = Assert.Single(Analyze(new DownLinkAnalyzer(), s));

        Assert.Equal("route-on-down-link", finding.Id);
        Assert.Equal(2, finding.Routes.Count);
        Assert.StartsWith("eth2 is administratively down, yet 2 routes use it (198.18.60.0/24; 198.18.61.0/24)", finding.Message, StringComparison.Ordinal);
        Assert.Contains("ip link set eth2 up", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Routes_flagged_linkdown_are_on_a_link_without_carrier()
    {
        var s = Lan();
        s.Route(s.Via("198.18.62.0/24", "198.18.1.1", "eth1", flags: RouteFlags.LinkDown));

        var finding = Assert.Single(Analyze(new DownLinkAnalyzer(), s));

        Assert.StartsWith("eth1 has no carrier", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_bridge_without_carrier_is_idle_not_broken()
    {
        var s = Lan().Link("docker0", kind: "bridge");
        s.Route(s.Direct("198.19.0.0/16", "docker0", flags: RouteFlags.LinkDown));

        Assert.Empty(Analyze(new DownLinkAnalyzer(), s));
    }

    [Fact]
    public void Routes_on_links_that_are_up_are_fine()
    {
        var s = Lan();
        s.Route(s.Via("default", "198.18.0.1", "eth0"));

        Assert.Empty(Analyze(new DownLinkAnalyzer(), s));
    }
}
