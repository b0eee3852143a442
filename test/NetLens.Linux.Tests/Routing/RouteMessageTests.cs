using System.Net;
using System.Net.Sockets;
using NetLens.Core.Addressing;
using NetLens.Core.Routing;

namespace NetLens.Linux.Tests.Routing;

public class RouteMessageTests
{
    private static readonly List<Route> Ipv4 = Captured.Routes("route-dump-ipv4.hex");
    private static readonly List<Route> Ipv6 = Captured.Routes("route-dump-ipv6.hex");

    private static Route Find(List<Route> routes, string prefix, uint table = RouteTables.Main)
    {
        Assert.True(IpPrefix.TryParse(prefix, out var wanted));
        return Assert.Single(routes, r => r.Destination == wanted && r.Table == table);
    }

    [Fact]
    public void Dump_keeps_every_table_in_kernel_order()
    {
        Assert.Equal(IpRouteCount("route-dump-ipv4.ip.txt"), Ipv4.Count);
        Assert.Equal(100u, Ipv4[0].Table);
        Assert.Equal("198.18.17.0/24", Ipv4[0].Destination.ToString());
        Assert.Equal(Enumerable.Range(0, 120).Select(i => $"198.19.{i}.0/24"), Ipv4.Skip(1).Take(120).Select(r => r.Destination.ToString()));
        Assert.Contains(Ipv4, r => r.Table == RouteTables.Local && r.Type == RouteType.Local);
        Assert.Equal(IpRouteCount("route-dump-ipv6.ip.txt"), Ipv6.Count);
    }

    /// <summary>How many routes `ip route show table all` printed at capture time (continuation lines "nexthop …" excluded).</summary>
    private static int IpRouteCount(string name) =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "netlink", name))
            .Count(line => line.Length > 0 && !line.TrimStart().StartsWith("nexthop", StringComparison.Ordinal));

    [Fact]
    public void Gateway_route_has_gateway_interface_table_and_protocol()
    {
        var route = Find(Ipv4, "198.18.10.0/24");

        Assert.Equal(AddressFamily.InterNetwork, route.Family);
        Assert.Equal(IPAddress.Parse("198.18.0.2"), route.Gateway);
        Assert.Equal(Captured.IndexOf("veth0"), route.OutputInterface);
        Assert.Equal(RouteProtocols.Boot, route.Protocol);
        Assert.Equal(RouteType.Unicast, route.Type);
        Assert.True(route.HasDestinationAttribute);
        Assert.False(route.IsMultipath);
    }

    [Fact]
    public void Ecmp_route_has_weighted_nexthops_with_their_interfaces()
    {
        var route = Find(Ipv4, "198.18.11.0/24");

        Assert.Null(route.Gateway);
        Assert.Equal(2, route.Nexthops.Count);
        Assert.Equal((IPAddress.Parse("198.18.0.2"), Captured.IndexOf("veth0"), 2), (route.Nexthops[0].Gateway, route.Nexthops[0].OutputInterface, route.Nexthops[0].Weight));
        Assert.Equal((IPAddress.Parse("198.18.1.2"), Captured.IndexOf("br0"), 1), (route.Nexthops[1].Gateway, route.Nexthops[1].OutputInterface, route.Nexthops[1].Weight));
    }

    [Theory]
    [InlineData("198.18.12.0/24", RouteType.Blackhole)]
    [InlineData("198.18.13.0/24", RouteType.Unreachable)]
    [InlineData("198.18.14.0/24", RouteType.Prohibit)]
    public void Reject_routes_keep_their_type(string prefix, RouteType type)
    {
        var route = Find(Ipv4, prefix);

        Assert.Equal(type, route.Type);
        Assert.Null(route.OutputInterface);
    }

    [Fact]
    public void Metric_and_protocol_are_read()
    {
        var route = Find(Ipv4, "198.18.15.0/24");

        Assert.Equal(100u, route.Priority);
        Assert.Equal(RouteProtocols.Static, route.Protocol);
    }

    [Fact]
    public void Metrics_are_read_and_a_locked_mtu_is_in_the_lock_mask()
    {
        var route = Find(Ipv4, "198.18.16.0/24");

        Assert.Contains(new RouteMetric(RouteMetricKinds.Mtu, 1300), route.Metrics);
        Assert.Contains(new RouteMetric(RouteMetricKinds.AdvMss, 1200), route.Metrics);
        Assert.DoesNotContain(route.Metrics, m => m.Kind == RouteMetricKinds.Lock);
        Assert.Equal(1u << RouteMetricKinds.Mtu, route.LockedMetrics);
    }

    [Fact]
    public void Default_route_has_no_destination_attribute_and_a_zero_prefix()
    {
        var route = Assert.Single(Ipv4, r => r.Destination.Length == 0 && r.Table == RouteTables.Main);

        Assert.False(route.HasDestinationAttribute);
        Assert.Equal(IpPrefix.Default(AddressFamily.InterNetwork), route.Destination);
        Assert.Equal(IPAddress.Parse("198.18.0.254"), route.Gateway);
    }

    [Fact]
    public void Preferred_source_scope_via_nexthop_id_and_onlink_are_read()
    {
        var linkScope = Find(Ipv4, "198.18.18.0/24");
        var via = Find(Ipv4, "198.18.19.0/24");
        var nhid = Find(Ipv4, "198.18.20.0/24");
        var onlink = Find(Ipv4, "198.18.21.0/24");

        Assert.Equal(IPAddress.Parse("198.18.0.1"), linkScope.PreferredSource);
        Assert.Equal(RouteScope.Link, linkScope.Scope);
        Assert.Equal(IPAddress.Parse("2001:db8:1::2"), via.Via);
        Assert.Null(via.Gateway);
        Assert.Equal(10u, nhid.NexthopId);
        Assert.True(onlink.Flags.HasFlag(RouteFlags.OnLink));
        Assert.Equal(RouteProtocols.Bgp, onlink.Protocol);
    }

    [Fact]
    public void Other_table_comes_from_RTA_TABLE()
    {
        Assert.Equal(120, Ipv4.Count(r => r.Table == 200));
        Assert.Equal(IPAddress.Parse("198.18.0.2"), Find(Ipv4, "198.18.17.0/24", 100).Gateway);
    }

    [Fact]
    public void Ipv6_preference_expiry_multipath_and_blackhole_metric_are_read()
    {
        var high = Find(Ipv6, "2001:db8:10::/64");
        var expiring = Find(Ipv6, "2001:db8:11::/64");
        var ecmp = Find(Ipv6, "2001:db8:12::/64");
        var blackhole = Find(Ipv6, "2001:db8:13::/64");

        Assert.Equal((byte)1, high.Ipv6Preference);
        Assert.Equal(1024u, high.Priority);
        Assert.Null(high.ExpiresSeconds);
        Assert.InRange(expiring.ExpiresSeconds!.Value, 1u, 300u);
        Assert.Equal([2, 1], ecmp.Nexthops.Select(n => n.Weight));
        Assert.Equal(IPAddress.Parse("2001:db8:2::2"), ecmp.Nexthops[1].Gateway);
        Assert.Equal(RouteType.Blackhole, blackhole.Type);
        Assert.Equal(50u, blackhole.Priority);
    }
}
