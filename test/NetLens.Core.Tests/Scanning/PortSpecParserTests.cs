using NetLens.Core.Scanning;

namespace NetLens.Core.Tests.Scanning;

public class PortSpecParserTests
{
    [Fact]
    public void Lists_and_ranges_give_sorted_distinct_ports()
    {
        Assert.Equal([22, 80, 1000, 1001, 1002], PortSpecParser.Parse("80,1000-1002,22,80"));
    }

    [Fact]
    public void A_bare_dash_is_every_port_but_zero()
    {
        var ports = PortSpecParser.Parse("-");

        Assert.Equal(65535, ports.Count);
        Assert.Equal(1, ports[0]);
        Assert.Equal(65535, ports[^1]);
    }

    [Fact]
    public void Open_ended_ranges_run_to_the_ends()
    {
        Assert.Equal([1, 2, 3], PortSpecParser.Parse("-3"));
        Assert.Equal([65534, 65535], PortSpecParser.Parse("65534-"));
    }

    [Fact]
    public void Port_zero_counts_when_named()
    {
        Assert.Equal([0], PortSpecParser.Parse("0"));
    }

    [Fact]
    public void A_tcp_prefix_is_accepted()
    {
        Assert.Equal([22], PortSpecParser.Parse("T:22"));
    }

    [Theory]
    [InlineData("65536")]
    [InlineData("20-10")]
    [InlineData("22,,80")]
    [InlineData("ssh")]
    [InlineData("")]
    public void Bad_lists_are_usage_errors(string spec)
    {
        Assert.Throws<UsageException>(() => PortSpecParser.Parse(spec));
    }
}
