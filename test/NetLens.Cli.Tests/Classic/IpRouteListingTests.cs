using System.Net.Sockets;
using NetLens.Cli.Output.Classic;
using NetLens.Core.Routing;
using static NetLens.Cli.Tests.Classic.LabRoutes;

namespace NetLens.Cli.Tests.Classic;

/// <summary>Whole `ip route show …` outputs against what iproute2 6.1 printed for the same namespace.</summary>
public class IpRouteListingTests
{
    private readonly IpRouteFormatter _formatter = new(Interfaces);

    [Theory]
    [InlineData("ip_route.txt", AddressFamily.Unspecified, RouteTables.Main)]
    [InlineData("ip6_route.txt", AddressFamily.InterNetworkV6, RouteTables.Main)]
    [InlineData("ip_route_table_100.txt", AddressFamily.Unspecified, 100u)]
    [InlineData("ip6_route_table_local.txt", AddressFamily.InterNetworkV6, RouteTables.Local)]
    public void Table_listing_matches_ip_byte_for_byte(string fixture, AddressFamily family, uint table)
    {
        var text = IpRouteListing.Render(Dump, new IpRouteQuery(family, table), _formatter);

        Assert.Equal(Fixture(fixture), text);
    }

    [Fact]
    public void Table_all_lists_both_families_with_table_words()
    {
        var text = IpRouteListing.Render(Dump, IpRouteQuery.AllTables(), _formatter);

        Assert.Equal(Fixture("ip_route_table_all.txt"), text);
    }

    [Fact]
    public void Ipv6_table_all_matches_ip()
    {
        var text = IpRouteListing.Render(Dump, IpRouteQuery.AllTables(AddressFamily.InterNetworkV6), _formatter);

        Assert.Equal(Fixture("ip6_route_table_all.txt"), text);
    }

    [Fact]
    public void Main_view_of_ipv6_hides_local_type_routes_in_main()
    {
        var localInMain = V6("2001:db8:99::1") with { Type = RouteType.Local, OutputInterface = V1 };

        var selected = IpRouteListing.Select([.. MainV6, localInMain], IpRouteQuery.Ipv6);

        Assert.DoesNotContain(localInMain, selected);
        Assert.Equal(MainV6.Length, selected.Count);
    }

    [Fact]
    public void Cloned_entries_are_not_listed()
    {
        var cached = V4("198.18.10.5") with { Flags = RouteFlags.Cloned };

        Assert.Empty(IpRouteListing.Select([cached], IpRouteQuery.Default));
    }

    [Fact]
    public void Table_zero_means_all_tables_and_both_families()
    {
        var selected = IpRouteListing.Select(Dump, new IpRouteQuery(AddressFamily.Unspecified, 0));

        Assert.Equal(Dump.Length, selected.Count);
    }
}
