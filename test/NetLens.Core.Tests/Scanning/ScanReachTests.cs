using System.Net;
using System.Net.Sockets;
using NetLens.Core.Addressing;
using NetLens.Core.Routing;
using NetLens.Core.Scanning;

namespace NetLens.Core.Tests.Scanning;

/// <summary>Before a scan sends anything: does any route reach the block, and which targets are broadcast addresses.</summary>
public class ScanReachTests
{
    private static Route Route(string prefix, RouteType type = RouteType.Unicast, uint table = RouteTables.Main)
    {
        Assert.True(IpPrefix.TryParse(prefix, out var destination));
        return new Route { Family = destination.Family, Destination = destination, Type = type, Table = table };
    }

    private static bool Reaches(IEnumerable<Route> routes, string block)
    {
        var spec = TargetParser.Parse(block);
        return ScanReach.Reaches(routes, spec.First!, spec.Last!);
    }

    [Fact]
    public void Only_local_routes_reach_no_outside_block()
    {
        Route[] routes = [Route("127.0.0.0/8", RouteType.Local, RouteTables.Local), Route("127.255.255.255/32", RouteType.Broadcast, RouteTables.Local)];

        Assert.False(Reaches(routes, "10.0.0.0/8"));
        Assert.True(Reaches(routes, "127.0.0.1"));
    }

    [Fact]
    public void A_default_route_reaches_everything_of_its_family()
    {
        Route[] routes = [Route("0.0.0.0/0")];

        Assert.True(Reaches(routes, "10.0.0.0/8"));
        Assert.False(Reaches(routes, "2001:db8::/120"));
    }

    [Fact]
    public void A_route_to_part_of_the_block_reaches_it_and_an_unreachable_route_does_not()
    {
        Assert.True(Reaches([Route("10.20.30.0/24")], "10.0.0.0/8"));
        Assert.False(Reaches([Route("10.0.0.0/8", RouteType.Unreachable)], "10.0.0.0/8"));
        Assert.False(Reaches([Route("198.18.9.0/24")], "198.18.8.0/24"));
    }

    [Fact]
    public void Broadcasts_are_the_kernels_broadcast_routes_and_the_limited_broadcast()
    {
        Route[] routes = [Route("198.18.1.255/32", RouteType.Broadcast, RouteTables.Local), Route("198.18.1.10/32", RouteType.Local, RouteTables.Local), Route("198.18.1.0/24")];

        var broadcasts = ScanReach.Broadcasts(routes);

        Assert.Equal(new HashSet<IPAddress> { IPAddress.Parse("198.18.1.255"), IPAddress.Broadcast }, broadcasts.ToHashSet());
        Assert.All(broadcasts, b => Assert.Equal(AddressFamily.InterNetwork, b.AddressFamily));
    }
}
