using System.Net;
using NetLens.Core.Addressing;

namespace NetLens.Core.Tests.Addressing;

public class IpPrefixTests
{
    [Theory]
    [InlineData("198.18.0.0/15", "198.19.255.255", true)]
    [InlineData("198.18.0.0/15", "198.20.0.0", false)]
    [InlineData("198.18.4.0/22", "198.18.7.1", true)]
    [InlineData("198.18.4.0/23", "198.18.6.1", false)]
    [InlineData("0.0.0.0/0", "203.0.113.9", true)]
    [InlineData("2001:db8::/32", "2001:db8:ffff::1", true)]
    [InlineData("2001:db8::/33", "2001:db8:8000::1", false)]
    [InlineData("2001:db8::/32", "198.18.0.1", false)]
    public void Contains_follows_the_prefix_bits(string prefix, string address, bool expected)
    {
        Assert.True(IpPrefix.TryParse(prefix, out var parsed));
        Assert.Equal(expected, parsed.Contains(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("198.18.0.1", 32)]
    [InlineData("2001:db8::1", 128)]
    public void A_bare_address_parses_as_a_host_prefix(string text, int length)
    {
        Assert.True(IpPrefix.TryParse(text, out var parsed));
        Assert.Equal(length, parsed.Length);
        Assert.True(parsed.IsHost);
    }

    [Theory]
    [InlineData("198.18.0.0/33")]
    [InlineData("198.18.0.0/-1")]
    [InlineData("not-an-address/8")]
    [InlineData("2001:db8::/129")]
    public void Invalid_prefixes_are_refused(string text) => Assert.False(IpPrefix.TryParse(text, out _));

    [Theory]
    [InlineData(0, "0.0.0.0")]
    [InlineData(15, "255.254.0.0")]
    [InlineData(24, "255.255.255.0")]
    [InlineData(32, "255.255.255.255")]
    public void Ipv4_masks_match_prefix_lengths(int length, string mask) =>
        Assert.Equal(IPAddress.Parse(mask), PrefixBits.Ipv4Mask(length));
}
