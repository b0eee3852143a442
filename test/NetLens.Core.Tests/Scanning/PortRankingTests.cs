using NetLens.Core.Scanning;

namespace NetLens.Core.Tests.Scanning;

public class PortRankingTests
{
    [Fact]
    public void The_built_in_list_holds_a_thousand_distinct_ports()
    {
        var ports = PortRanking.BuiltIn.Ports;

        Assert.Equal(1000, ports.Count);
        Assert.Equal(1000, ports.Distinct().Count());
        Assert.All(ports, p => Assert.InRange(p, 1, 65535));
    }

    [Fact]
    public void The_sheets_ports_are_among_the_default_thousand()
    {
        var top = PortRanking.BuiltIn.Top(1000);

        Assert.All(new[] { 22, 53, 80, 113, 443, 2000, 5060, 8008, 9418 }, p => Assert.Contains(p, top));
    }

    [Fact]
    public void Fast_mode_takes_the_first_hundred_sorted_by_number()
    {
        var fast = PortRanking.BuiltIn.Top(100);

        Assert.Equal(100, fast.Count);
        Assert.Equal(fast.Order(), fast);
        Assert.Contains(80, fast);
        Assert.Contains(22, fast);
    }

    [Fact]
    public void Built_in_names_cover_the_common_services()
    {
        Assert.Equal("ssh", PortRanking.BuiltIn.Names[22]);
        Assert.Equal("https", PortRanking.BuiltIn.Names[443]);
        Assert.Equal("git", PortRanking.BuiltIn.Names[9418]);
    }

    [Fact]
    public void A_repeated_port_keeps_its_first_rank()
    {
        var ranking = PortRanking.Parse(["# comment", "80 http", "22 ssh", "80 www", "7"]);

        Assert.Equal([80, 22, 7], ranking.Ports);
        Assert.Equal("http", ranking.Names[80]);
        Assert.False(ranking.Names.ContainsKey(7));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void Top_outside_the_list_is_a_usage_error(int count)
    {
        Assert.Throws<UsageException>(() => PortRanking.BuiltIn.Top(count));
    }
}
