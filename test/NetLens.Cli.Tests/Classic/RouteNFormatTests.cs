using NetLens.Cli.Output.Classic;
using NetLens.Core.Routing;
using NetLens.Linux.Proc;
using static NetLens.Cli.Tests.Classic.LabRoutes;

namespace NetLens.Cli.Tests.Classic;

/// <summary>`route -n` and `route -n -A inet6` against net-tools 2.10's output.</summary>
public class RouteNFormatTests
{
    [Fact]
    public void Route_n_matches_net_tools_from_netlink_routes()
    {
        var text = new RouteNFormatter(Interfaces).Format(Dump);

        Assert.Equal(Fixture("route_n.txt"), text);
    }

    [Fact]
    public void Reject_host_route_shows_bang_h()
    {
        var route = V4("198.18.40.1") with { Type = RouteType.Prohibit };

        var text = new RouteNFormatter(Interfaces).Format([route]);

        Assert.EndsWith("198.18.40.1     -               255.255.255.255 !H    0      -        0 -\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Broadcast_and_other_tables_are_not_listed()
    {
        var text = new RouteNFormatter(Interfaces).Format([.. LocalV4Routes, .. Table100V4]);

        Assert.Equal(RouteNFormatter.Header, text);
    }

    [Fact]
    public void Route_n_inet6_matches_net_tools_from_proc()
    {
        var entries = Ipv6RouteTableParser.Parse(Fixture("proc_net_ipv6_route.txt"));

        Assert.Equal(Fixture("route_n_inet6.txt"), RouteNInet6Formatter.Format(entries));
    }

    [Fact]
    public void Empty_ipv6_route_file_prints_only_the_header() =>
        Assert.Equal(RouteNInet6Formatter.Header, RouteNInet6Formatter.Format(Ipv6RouteTableParser.Parse(string.Empty)));
}
