using System.Net;
using NetLens.Core.Probing;
using NetLens.Core.Scanning;

namespace NetLens.Core.Tests.Scanning;

public class TcpReplyTests
{
    // a SYN/ACK from 198.18.7.2:22 to 198.18.7.1:40000, IPv4 header with no options
    private const string SynAck = "4500002c000040004006" + "0000" + "c6120702c6120701" + "00169c40" + "aabbccdd" + "01020305" + "6012" + "faf0" + "0000" + "0000" + "020405b4";

    [Fact]
    public void A_syn_ack_reads_ports_numbers_and_flags_after_the_ip_header()
    {
        Assert.True(TcpReply.TryReadIpv4(Convert.FromHexString(SynAck), out var source, out var reply));

        Assert.Equal(IPAddress.Parse("198.18.7.2"), source);
        Assert.Equal(new TcpReply(22, 40000, 0xaabbccdd, 0x01020305, TcpFlags.Syn | TcpFlags.Ack), reply);
    }

    [Fact]
    public void The_ttl_the_reply_arrived_with_is_read_from_the_ip_header()
    {
        var packet = Convert.FromHexString(SynAck);
        packet[8] = 63;

        Assert.True(TcpReply.TryReadIpv4(packet, out _, out _, out var ttl));

        Assert.Equal(63, ttl);
    }

    [Fact]
    public void Ip_options_move_the_tcp_header()
    {
        var packet = Convert.FromHexString(SynAck);
        byte[] withOptions = [(byte)0x46, .. packet[1..20], 1, 1, 1, 0, .. packet[20..]];

        Assert.True(TcpReply.TryReadIpv4(withOptions, out _, out var reply));

        Assert.Equal(22, reply.SourcePort);
    }

    [Fact]
    public void A_raw_ipv6_segment_has_no_ip_header_before_it()
    {
        var segment = Convert.FromHexString(SynAck)[20..];

        Assert.True(TcpReply.TryRead(segment, out var reply));

        Assert.Equal(TcpFlags.Syn | TcpFlags.Ack, reply.Flags);
    }

    [Theory]
    [InlineData("")]
    [InlineData("45000014000040004011000000000000000000000000")]
    [InlineData("4500002c0000400040060000c6120702c6120701")]
    public void Truncated_or_non_tcp_packets_are_not_read(string hex)
    {
        Assert.False(TcpReply.TryReadIpv4(Convert.FromHexString(hex), out _, out _));
    }
}
