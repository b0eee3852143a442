using System.Net;
using NetLens.Core.Routing;

namespace NetLens.Linux.Tests.Routing;

public class LookupAnswerTests
{
    [Fact]
    public void Plain_answer_is_the_resolved_clone_with_table_and_source()
    {
        var route = Captured.Answer("plain")!;

        Assert.Equal("198.18.10.5/32", route.Destination.ToString());
        Assert.Equal(IPAddress.Parse("198.18.0.2"), route.Gateway);
        Assert.Equal(Captured.IndexOf("veth0"), route.OutputInterface);
        Assert.Equal(IPAddress.Parse("198.18.0.1"), route.PreferredSource);
        Assert.Equal(RouteTables.Main, route.Table);
        Assert.True(route.Flags.HasFlag(RouteFlags.Cloned));
        Assert.Equal(0u, route.Uid);
    }

    [Fact]
    public void Selector_answer_echoes_mark_uid_and_source()
    {
        var route = Captured.Answer("selectors")!;

        Assert.Equal(0x10u, route.Mark);
        Assert.Equal(1000u, route.Uid);
        Assert.Equal("198.18.0.1/32", route.Source?.ToString());
    }

    [Fact]
    public void Input_interface_answer_carries_RTA_IIF()
    {
        var route = Captured.Answer("iif")!;

        Assert.Equal(Captured.IndexOf("br0"), route.InputInterface);
        Assert.Equal(IPAddress.Parse("198.18.0.2"), route.Gateway);
    }

    [Fact]
    public void Fib_match_answer_is_the_matching_prefix_with_its_nexthops()
    {
        var route = Captured.Answer("fibmatch")!;

        Assert.Equal("198.18.11.0/24", route.Destination.ToString());
        Assert.Equal([2, 1], route.Nexthops.Select(n => n.Weight));
    }

    [Fact]
    public void Locked_mtu_shows_in_the_answer_metrics()
    {
        var route = Captured.Answer("mtulock")!;

        Assert.Contains(new RouteMetric(RouteMetricKinds.Mtu, 1300), route.Metrics);
        Assert.Equal(1u << RouteMetricKinds.Mtu, route.LockedMetrics);
    }

    [Fact]
    public void Ipv6_answer_has_preference_and_gateway()
    {
        var route = Captured.Answer("ipv6")!;

        Assert.Equal("2001:db8:10::5/128", route.Destination.ToString());
        Assert.Equal(IPAddress.Parse("2001:db8:1::2"), route.Gateway);
        Assert.Equal((byte)1, route.Ipv6Preference);
    }

    [Theory]
    [InlineData("unreachable")]
    [InlineData("prohibit")]
    public void Refusals_are_errors_not_routes(string lookup) => Assert.Null(Captured.Answer(lookup));
}
