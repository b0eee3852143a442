using System.Net;
using NetLens.Core.Probing;

namespace NetLens.Core.Tests.Probing;

/// <summary>ICMP errors quoting a TCP SYN (IPv4 and IPv6): the ports and sequence number name the probe.</summary>
public class TcpQuoteTests
{
    private static readonly IPAddress Target4 = IPAddress.Parse("198.18.4.2");
    private static readonly IPAddress Target6 = IPAddress.Parse("2001:db8:4::2");

    // The first 8 bytes of our SYN: 40000 -> 80, sequence 0x01020304.
    private const string QuotedSyn = "9c400050" + "01020304";

    private readonly TraceFlow _flow4 = new() { Protocol = ProbeProtocol.Tcp, Target = Target4, SourcePort = 40000, DestinationPort = 80 };

    [Fact]
    public void An_ipv4_time_exceeded_quoting_our_syn_gives_its_sequence_number()
    {
        // Outer IPv4 header from router 198.18.2.2, ICMP time exceeded, quoted IPv4 header (TCP, TTL 1) and 8 bytes of TCP.
        var packet = Convert.FromHexString("4500003800000000400100" + "00" + "c6120202" + "c6120001"
            + "0b000000" + "00000000"
            + "45000028000040000106" + "0000" + "c6120001" + "c6120402" + QuotedSyn);

        Assert.True(IcmpDecoder.TryDecodeIpv4Packet(packet, out var sender, out var message));

        Assert.Equal(IPAddress.Parse("198.18.2.2"), sender);
        var quoted = Assert.NotNull(message.Quoted);
        Assert.Equal((ProbeProtocol.Tcp, (ushort)40000, (ushort)80, 0x01020304u), (quoted.Protocol, quoted.SourcePort, quoted.DestinationPort, quoted.TcpSequence));
        Assert.True(_flow4.TryMatchTcp(message, out var sequence));
        Assert.Equal(0x01020304u, sequence);
    }

    [Fact]
    public void An_ipv6_time_exceeded_quoting_our_syn_gives_its_sequence_number()
    {
        // ICMPv6 time exceeded (type 3), unused word, quoted IPv6 header: payload 24, next header TCP, hop limit 1.
        var icmp = Convert.FromHexString("03000000" + "00000000"
            + "60000000" + "0018" + "06" + "01"
            + "20010db8000100000000000000000001" + "20010db8000400000000000000000002"
            + QuotedSyn);
        var flow6 = _flow4 with { Target = Target6 };

        Assert.True(IcmpDecoder.TryDecode(icmp, ipv6: true, out var message));

        Assert.Equal(IcmpMessageKind.TimeExceeded, message.Kind);
        Assert.True(flow6.TryMatchTcp(message, out var sequence));
        Assert.Equal(0x01020304u, sequence);
        Assert.False(_flow4.TryMatchTcp(message, out _));
    }

    [Theory]
    [InlineData(40001, 80)]
    [InlineData(40000, 81)]
    public void An_error_quoting_other_ports_is_someone_elses(int sourcePort, int destinationPort)
    {
        var message = new IcmpMessage
        {
            Kind = IcmpMessageKind.TimeExceeded,
            Type = 11,
            Code = 0,
            Quoted = new QuotedProbe { Protocol = ProbeProtocol.Tcp, Source = IPAddress.Parse("198.18.0.1"), Destination = Target4, SourcePort = (ushort)sourcePort, DestinationPort = (ushort)destinationPort, TcpSequence = 5 },
        };

        Assert.False(_flow4.TryMatchTcp(message, out _));
    }

    [Fact]
    public void A_syn_ack_counts_only_from_the_target_to_our_port()
    {
        var answer = new TcpSegmentHeader(80, 40000, 1, 0x01020305, TcpFlags.Syn | TcpFlags.Ack);

        Assert.True(_flow4.TryMatchAnswer(Target4, answer, out var sequence));
        Assert.Equal(0x01020304u, sequence);
        Assert.False(_flow4.TryMatchAnswer(IPAddress.Parse("198.18.3.2"), answer, out _));
        Assert.False(_flow4.TryMatchAnswer(Target4, answer with { DestinationPort = 40001 }, out _));
    }
}
