using NetLens.Core.Scanning;

namespace NetLens.Core.Tests.Scanning;

public class UdpPortSpecTests
{
    [Fact]
    public void Qualified_lists_split_by_protocol()
    {
        var (tcp, udp) = UdpPortSpec.Parse("T:22,80-81,U:53,161");

        Assert.Equal([22, 80, 81], tcp);
        Assert.Equal([53, 161], udp);
    }

    [Fact]
    public void An_unqualified_list_applies_to_both()
    {
        var (tcp, udp) = UdpPortSpec.Parse("1-3");

        Assert.Equal([1, 2, 3], tcp);
        Assert.Equal([1, 2, 3], udp);
    }

    [Fact]
    public void A_protocol_left_out_gets_no_ports()
    {
        var (tcp, udp) = UdpPortSpec.Parse("u:53");

        Assert.Empty(tcp);
        Assert.Equal([53], udp);
    }

    [Theory]
    [InlineData("S:22")]
    [InlineData("22,U:53")]
    [InlineData("U:")]
    public void Bad_qualified_lists_are_usage_errors(string spec)
    {
        Assert.Throws<UsageException>(() => UdpPortSpec.Parse(spec));
    }
}
