using NetLens.Core.Firewall.Spec;

namespace NetLens.Core.Tests.Firewall;

public class FirewallPortSpecTests
{
    [Fact]
    public void A_port_and_protocol_is_one_single_range()
    {
        var spec = FirewallPortSpec.Parse("8472/udp");

        Assert.Equal([new PortRange(8472, 8472)], spec.Ranges);
        Assert.Equal(FirewallProtocol.Udp, spec.Protocol);
        Assert.False(spec.IsServiceName);
    }

    [Fact]
    public void Lists_and_ranges_are_sorted_and_merged()
    {
        var spec = FirewallPortSpec.Parse("443,80,10000-10999,10500-11000,81/tcp");

        Assert.Equal("80-81,443,10000-11000", PortRange.Join(spec.Ranges));
        Assert.Equal(FirewallProtocol.Tcp, spec.Protocol);
    }

    [Fact]
    public void A_bare_port_leaves_the_protocol_open()
    {
        Assert.Null(FirewallPortSpec.Parse("8472").Protocol);
    }

    [Fact]
    public void A_word_is_a_service_name()
    {
        var spec = FirewallPortSpec.Parse("otv/UDP");

        Assert.Equal("otv", spec.ServiceName);
        Assert.Equal(FirewallProtocol.Udp, spec.Protocol);
        Assert.Empty(spec.Ranges);
    }

    [Theory]
    [InlineData("", "empty port SPEC")]
    [InlineData("/tcp", "no port before the protocol")]
    [InlineData("0/tcp", "'0' is not a port")]
    [InlineData("65536", "'65536' is not a port")]
    [InlineData("80/icmp", "'icmp' is not a protocol")]
    [InlineData("90-80/udp", "runs backwards")]
    [InlineData("80,/tcp", "empty item")]
    [InlineData("ht tp", "neither ports")]
    [InlineData("80-/tcp", "'' is not a port")]
    public void Bad_specs_are_usage_errors_that_say_what_is_wrong(string text, string expected)
    {
        var error = Assert.Throws<UsageException>(() => FirewallPortSpec.Parse(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
