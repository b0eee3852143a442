using System.Net;
using NetLens.Core.Addressing;

namespace NetLens.Core.Tests.Addressing;

/// <summary>Short IPv4 forms read as ip reads them (zeros at the end), not as inet_aton (the last part fills the rest).</summary>
public class IpShortFormTests
{
    [Theory]
    [InlineData("10", "10.0.0.0")]
    [InlineData("1.2.3", "1.2.3.0")]
    [InlineData("127.1", "127.1.0.0")]
    [InlineData("198.18", "198.18.0.0")]
    [InlineData("0x0a.1", "10.1.0.0")]
    [InlineData("010", "8.0.0.0")]
    [InlineData("0", "0.0.0.0")]
    [InlineData("255.255.255", "255.255.255.0")]
    public void Reads_the_missing_parts_as_zeros(string text, string expected)
    {
        Assert.True(IpShortForm.TryParse(text, out var address));
        Assert.Equal(IPAddress.Parse(expected), address);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1.2.3.4")]
    [InlineData("256")]
    [InlineData("1..2")]
    [InlineData("1.2.")]
    [InlineData("09")]
    [InlineData("0x")]
    [InlineData("0x100")]
    [InlineData("example")]
    [InlineData("2001:db8::1")]
    [InlineData("-1")]
    [InlineData(" 10")]
    public void Leaves_anything_else_to_the_address_parser_or_the_resolver(string text) =>
        Assert.False(IpShortForm.TryParse(text, out _));
}
