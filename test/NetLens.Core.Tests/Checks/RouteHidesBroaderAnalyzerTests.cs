using NetLens.Core.Routing;
using NetLens.Core.Routing.Checks;
using NetLens.Core.Routing.Origin;

namespace NetLens.Core.Tests.Checks;

public class RouteHidesBroaderAnalyzerTests
{
    private static List<RoutingFinding> Analyze(Snapshots s) => [.. new RouteHidesBroaderAnalyzer().Analyze(new CheckContext(s.Build()))];

    private static Snapshots Lan() => new Snapshots().Link("eth0").Link("docker0", kind: "bridge").Address("eth0", "198.18.0.10/24");

    [Fact]
    public void A_docker_bridge_inside_a_lan_gateway_route_takes_half_of_it()
    {
        var s = Lan().Address("docker0", "198.19.0.1/16");
        s.Route(s.Via("198.18.0.0/15", "198.18.0.1", "eth0"));

        var finding = Assert.Single(Analyze(s));

        Assert.Equal("route-hides-broader", finding.Id);
        Assert.Equal(FindingSeverity.Warning, finding.Severity);
        Assert.Equal(["198.19.0.0/16", "198.18.0.0/15"], finding.Routes.Select(r => r.Route.Destination.ToString()));
        Assert.Equal(["narrower", "broader"], finding.Routes.Select(r => r.Role));
        Assert.Equal(RouteOriginKind.Docker, finding.Routes[0].Origin.Kind);
        Assert.Contains("takes 1/2 of 198.18.0.0/15 via 198.18.0.1 dev eth0", finding.Message, StringComparison.Ordinal);
        Assert.Contains("daemon.json", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void A_default_route_as_the_broader_one_is_the_normal_case()
    {
        var s = Lan().Address("docker0", "198.19.0.1/16");
        s.Route(s.Via("default", "198.18.0.1", "eth0"));

        Assert.Empty(Analyze(s));
    }

    [Fact]
    public void Split_default_halves_count_as_default_like()
    {
        var s = Lan().Link("tun0", kind: "tun").Address("docker0", "198.19.0.1/16");
        s.Route(s.Direct("128.0.0.0/1", "tun0"));

        Assert.Empty(Analyze(s));
    }

    [Fact]
    public void A_connected_route_inside_a_covering_route_on_the_same_device_is_not_reported()
    {
        var s = Lan();
        s.Route(s.Direct("198.18.0.0/16", "eth0"));

        Assert.Empty(Analyze(s));
    }

    [Fact]
    public void A_narrower_route_to_the_same_place_is_not_reported()
    {
        var s = Lan();
        s.Route(s.Via("198.18.64.0/18", "198.18.0.1", "eth0")).Route(s.Via("198.18.70.0/24", "198.18.0.1", "eth0"));

        Assert.Empty(Analyze(s));
    }

    [Fact]
    public void A_different_gateway_on_the_same_device_is_a_notice()
    {
        var s = Lan();
        s.Route(s.Via("198.18.64.0/18", "198.18.0.1", "eth0")).Route(s.Via("198.18.70.0/24", "198.18.0.2", "eth0"));

        var finding = Assert.Single(Analyze(s));

        Assert.Equal(FindingSeverity.Notice, finding.Severity);
        Assert.Contains("1/64", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_blackhole_carved_out_of_a_broader_route_is_a_warning()
    {
        var s = Lan();
        s.Route(s.Via("198.18.64.0/18", "198.18.0.1", "eth0"))
            .Route(new Route { Family = System.Net.Sockets.AddressFamily.InterNetwork, Type = RouteType.Blackhole, Destination = Snapshots.Prefix("198.18.80.0/20") });

        var finding = Assert.Single(Analyze(s));

        Assert.Equal(FindingSeverity.Warning, finding.Severity);
        Assert.Contains("into a blackhole route", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Main_consulted_before_the_vpn_table_takes_part_of_the_vpn_route()
    {
        var s = Lan().Link("wg0", kind: "wireguard").Rules().Address("docker0", "198.19.0.1/16");
        s.Route(s.Via("default", "198.18.0.1", "eth0")).Route(s.Direct("198.18.0.0/15", "wg0", table: 51820));

        var finding = Assert.Single(Analyze(s), f => f.Routes[0].Route.Destination.ToString() == "198.19.0.0/16");

        Assert.Equal(51820u, finding.Routes[1].Route.Table);
        Assert.Equal(RouteOriginKind.Vpn, finding.Routes[1].Origin.Kind);
        Assert.Contains("table main is consulted before table 51820", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_main_route_that_the_rules_never_reach_takes_nothing_from_another_table()
    {
        // No suppress_prefixlength rule: everything unmarked goes to 51820 before main is looked at.
        var s = Lan().Link("wg0", kind: "wireguard").Address("docker0", "198.19.0.1/16")
            .Rule(new() { Family = System.Net.Sockets.AddressFamily.InterNetwork, Priority = 0, Table = RouteTables.Local })
            .Rule(new() { Family = System.Net.Sockets.AddressFamily.InterNetwork, Priority = 100, Table = 51820 })
            .Rule(new() { Family = System.Net.Sockets.AddressFamily.InterNetwork, Priority = 32766, Table = RouteTables.Main });
        s.Route(s.Direct("198.18.0.0/15", "wg0", table: 51820));

        Assert.Empty(Analyze(s));
    }

    [Theory]
    [InlineData(1, "1/2")]
    [InlineData(16, "1/65,536")]
    [InlineData(40, "1/2^40")]
    public void The_share_is_a_fraction_of_the_broader_prefix(int bits, string expected) =>
        Assert.Equal(expected, RouteHidesBroaderAnalyzer.Share(bits));
}
