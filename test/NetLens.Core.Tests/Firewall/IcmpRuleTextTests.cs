using System.Net.Sockets;
using NetLens.Core.Firewall.Planning;
using NetLens.Core.Firewall.Spec;

namespace NetLens.Core.Tests.Firewall;

/// <summary>ICMP rules for `port open`: PROTO/TYPE SPECs, each backend's words, and the family each protocol belongs to.</summary>
public class IcmpRuleTextTests
{
    [Theory]
    [InlineData("icmp/echo-request", FirewallProtocol.Icmp, 8, "icmp/echo-request")]
    [InlineData("icmpv6/128", FirewallProtocol.Icmpv6, 128, "icmpv6/echo-request")]
    [InlineData("icmp", FirewallProtocol.Icmp, null, "icmp")]
    public void Specs_read_protocol_then_type(string text, FirewallProtocol protocol, int? type, string canonical)
    {
        var spec = IcmpSpec.TryParse(text)!;

        Assert.Equal(protocol, spec.Protocol);
        Assert.Equal(type, spec.Type);
        Assert.Equal(canonical, spec.Resolved().Text);
    }

    [Fact]
    public void Ports_are_not_icmp() => Assert.Null(IcmpSpec.TryParse("8472/udp"));

    [Fact]
    public void Echo_request_in_both_backends()
    {
        var v4 = Rule("icmp/echo-request");
        var v6 = Rule("icmpv6/echo-request");

        Assert.Equal("icmp type echo-request accept comment \"netlens in icmp echo-request\"", NftRuleText.Expression(v4));
        Assert.Equal("-p icmp -m icmp --icmp-type 8 -m comment --comment \"netlens in icmp echo-request\" -j ACCEPT", Assert.Single(IptablesRuleText.Specs(v4)));
        Assert.Equal("icmpv6 type echo-request accept comment \"netlens in icmpv6 echo-request\"", NftRuleText.Expression(v6));
        Assert.Equal("-p ipv6-icmp -m icmp6 --icmpv6-type 128 -m comment --comment \"netlens in icmpv6 echo-request\" -j ACCEPT", Assert.Single(IptablesRuleText.Specs(v6)));
    }

    [Fact]
    public void Every_type_is_the_protocol_alone()
    {
        var rule = Rule("icmp");

        Assert.Equal("meta l4proto icmp accept comment \"netlens in icmp any\"", NftRuleText.Expression(rule));
        Assert.Equal("-p icmp -m comment --comment \"netlens in icmp any\" -j ACCEPT", Assert.Single(IptablesRuleText.Specs(rule)));
    }

    [Fact]
    public void Each_icmp_goes_only_to_its_own_family()
    {
        Assert.True(Rule("icmp").AppliesTo(AddressFamily.InterNetwork));
        Assert.False(Rule("icmp").AppliesTo(AddressFamily.InterNetworkV6));
        Assert.False(NftRuleText.FamilyCovers("ip6", Rule("icmp")));
        Assert.True(NftRuleText.FamilyCovers("ip6", Rule("icmpv6/echo-request")));
        Assert.False(NftRuleText.FamilyCovers("ip", Rule("icmpv6/echo-request")));
    }

    private static PortRule Rule(string text) => Assert.Single(PortRule.For(IcmpSpec.TryParse(text)!.Resolved(), PortDirection.In, null));
}
