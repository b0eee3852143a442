using System.Net;
using NetLens.Core.Probing;

namespace NetLens.Core.Tests.Probing;

public class Ipv4HeaderTests
{
    // an ICMP echo reply from 198.18.41.2 to 198.18.40.1 that crossed one router: TTL 63 (0x3f), protocol 1
    private const string EchoReply = "4500001c12340000" + "3f01" + "0000" + "c6122902c6122801" + "0000" + "0000" + "abcd0001";

    [Fact]
    public void Source_ttl_protocol_and_length_come_from_the_header()
    {
        Assert.True(Ipv4Header.TryRead(Convert.FromHexString(EchoReply), out var header));

        Assert.Equal(new Ipv4Header(IPAddress.Parse("198.18.41.2"), 63, 1, 20), header);
    }

    [Fact]
    public void Options_lengthen_the_header()
    {
        var packet = Convert.FromHexString(EchoReply);
        byte[] withOptions = [0x46, .. packet[1..20], 1, 1, 1, 0, .. packet[20..]];

        Assert.True(Ipv4Header.TryRead(withOptions, out var header));

        Assert.Equal(24, header.Length);
        Assert.Equal(63, header.Ttl);
    }

    [Theory]
    [InlineData("4500001c")]
    [InlineData("6000000000000000000000000000000000000000")]
    [InlineData("4f00001c12340000" + "3f010000c6122902c6122801")]
    public void A_short_non_ipv4_or_overlong_header_is_refused(string hex) =>
        Assert.False(Ipv4Header.TryRead(Convert.FromHexString(hex), out _));
}
