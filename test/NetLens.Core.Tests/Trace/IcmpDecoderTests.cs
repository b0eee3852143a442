using System.Net;
using NetLens.Core.Probing;

namespace NetLens.Core.Tests.Trace;

public class IcmpDecoderTests
{
    // Outer IPv4 header: from 198.18.1.2 to 198.18.0.1, protocol ICMP (checksums are not checked on receive).
    private const string OuterIpv4 = "45000038abcd00004001" + "0000" + "c6120102" + "c6120001";

    // Quoted IPv4 header of a UDP probe 198.18.0.1 -> 198.18.4.2, TTL 1.
    private const string QuotedUdpIpv4 = "4500001e1234400001110000" + "c6120001" + "c6120402";

    // Quoted UDP: 40000 -> 33434, length 10, checksum 0xabcd, payload = sequence 5.
    private const string QuotedUdp = "9c40829a000aabcd" + "0005";

    [Fact]
    public void A_time_exceeded_from_a_raw_socket_names_the_router_and_quotes_the_udp_probe()
    {
        var packet = Convert.FromHexString(OuterIpv4 + "0b000000" + "00000000" + QuotedUdpIpv4 + QuotedUdp);

        Assert.True(IcmpDecoder.TryDecodeIpv4Packet(packet, out var sender, out var message));

        Assert.Equal(IPAddress.Parse("198.18.1.2"), sender);
        Assert.Equal(IcmpMessageKind.TimeExceeded, message.Kind);
        var quoted = Assert.NotNull(message.Quoted);
        Assert.Equal(ProbeProtocol.Udp, quoted.Protocol);
        Assert.Equal(IPAddress.Parse("198.18.0.1"), quoted.Source);
        Assert.Equal(IPAddress.Parse("198.18.4.2"), quoted.Destination);
        Assert.Equal(40000, quoted.SourcePort);
        Assert.Equal(33434, quoted.DestinationPort);
        Assert.Equal(0xabcd, quoted.UdpChecksum);
        Assert.Equal("0005", Convert.ToHexString(quoted.Payload.Span));
    }

    [Fact]
    public void An_echo_reply_carries_identifier_and_sequence()
    {
        var icmp = Convert.FromHexString("00000000" + "4242" + "0009" + "6162");

        Assert.True(IcmpDecoder.TryDecode(icmp, ipv6: false, out var message));

        Assert.Equal(IcmpMessageKind.EchoReply, message.Kind);
        Assert.Equal(0x4242, message.Identifier);
        Assert.Equal(9, message.Sequence);
        Assert.Null(message.Quoted);
    }

    [Fact]
    public void A_port_unreachable_quoting_an_icmp_echo_gives_its_identifier_and_sequence()
    {
        var quotedIcmp = "4500001c000040000101" + "0000" + "c6120001" + "c6120402" + "0800f7fd" + "4242" + "0011";
        var icmp = Convert.FromHexString("0303" + "0000" + "00000000" + quotedIcmp);

        Assert.True(IcmpDecoder.TryDecode(icmp, ipv6: false, out var message));

        Assert.Equal(IcmpMessageKind.DestinationUnreachable, message.Kind);
        Assert.Equal(3, message.Code);
        var quoted = Assert.NotNull(message.Quoted);
        Assert.Equal(ProbeProtocol.Icmp, quoted.Protocol);
        Assert.Equal(0x4242, quoted.Identifier);
        Assert.Equal(0x11, quoted.Sequence);
    }

    [Fact]
    public void A_quoted_ipv4_header_with_options_is_skipped_by_its_length()
    {
        // IHL 6: one 4-byte option (NOPs) before the TCP header.
        var quotedIpv4 = "4600002c0000400006060000" + "c6120001" + "c6120402" + "01010101";
        var quotedTcp = "9c400050" + "01020304";
        var icmp = Convert.FromHexString("0b000000" + "00000000" + quotedIpv4 + quotedTcp);

        Assert.True(IcmpDecoder.TryDecode(icmp, ipv6: false, out var message));

        var quoted = Assert.NotNull(message.Quoted);
        Assert.Equal(ProbeProtocol.Tcp, quoted.Protocol);
        Assert.Equal(40000, quoted.SourcePort);
        Assert.Equal(80, quoted.DestinationPort);
        Assert.Equal(0x01020304u, quoted.TcpSequence);
    }

    [Fact]
    public void An_rfc_4884_time_exceeded_with_a_length_field_and_extension_still_yields_the_quote()
    {
        // Length field (byte 5) = 32 words: the quote is padded to 128 bytes and an extension structure follows.
        var quote = Convert.FromHexString(QuotedUdpIpv4 + QuotedUdp);
        var padded = new byte[128];
        quote.CopyTo(padded, 0);
        var extension = Convert.FromHexString("20000000" + "00080101" + "00064101");
        var icmp = Convert.FromHexString("0b000000" + "00200000").Concat(padded).Concat(extension).ToArray();

        Assert.True(IcmpDecoder.TryDecode(icmp, ipv6: false, out var message));

        Assert.Equal(33434, Assert.NotNull(message.Quoted).DestinationPort);
    }

    [Fact]
    public void An_icmpv6_time_exceeded_quotes_the_ipv6_udp_probe()
    {
        var quotedIpv6 = "60000000000a1101" + "20010db8000000000000000000000001" + "20010db8000400000000000000000002";
        var icmp = Convert.FromHexString("03000000" + "00000000" + quotedIpv6 + QuotedUdp);

        Assert.True(IcmpDecoder.TryDecode(icmp, ipv6: true, out var message));

        Assert.Equal(IcmpMessageKind.TimeExceeded, message.Kind);
        var quoted = Assert.NotNull(message.Quoted);
        Assert.Equal(IPAddress.Parse("2001:db8::1"), quoted.Source);
        Assert.Equal(IPAddress.Parse("2001:db8:4::2"), quoted.Destination);
        Assert.Equal(33434, quoted.DestinationPort);
    }

    [Fact]
    public void An_icmpv6_echo_reply_is_type_129()
    {
        Assert.True(IcmpDecoder.TryDecode(Convert.FromHexString("81000000" + "12340007"), ipv6: true, out var message));

        Assert.Equal(IcmpMessageKind.EchoReply, message.Kind);
        Assert.Equal(7, message.Sequence);
    }

    [Fact]
    public void An_error_whose_quote_is_cut_short_decodes_without_a_quote()
    {
        var icmp = Convert.FromHexString("0b000000" + "00000000" + "4500001e12344000011100");

        Assert.True(IcmpDecoder.TryDecode(icmp, ipv6: false, out var message));

        Assert.Equal(IcmpMessageKind.TimeExceeded, message.Kind);
        Assert.Null(message.Quoted);
    }

    [Fact]
    public void Fewer_than_eight_bytes_are_not_an_icmp_message()
    {
        Assert.False(IcmpDecoder.TryDecode([0x0b, 0x00, 0x00], ipv6: false, out _));
    }

    [Fact]
    public void A_packet_that_is_not_ipv4_icmp_is_refused()
    {
        var udp = Convert.FromHexString("45000038abcd00004011" + "0000" + "c6120102" + "c6120001" + "0000000000000000");

        Assert.False(IcmpDecoder.TryDecodeIpv4Packet(udp, out _, out _));
    }
}
