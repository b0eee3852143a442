using System.Net;
using NetLens.Core.Probing;

namespace NetLens.Core.Tests.Probing;

public class TcpSynProbeTests
{
    // Expected bytes built by an independent implementation (Python struct + RFC 1071 over the pseudo-header).
    [Theory]
    [InlineData("198.18.0.1", "198.18.4.2", 40000, 80, 0x01020304u, "9c40005001020304000000006002ffff67680000020405b4")]
    [InlineData("2001:db8:1::1", "2001:db8:4::2", 40000, 443, 0xdeadbeefu, "9c4001bbdeadbeef000000006002ffff01140000020405b4")]
    public void A_syn_has_our_ports_and_sequence_an_mss_option_and_the_pseudo_header_checksum(string source, string destination, int sourcePort, int destinationPort, uint sequence, string expected)
    {
        var segment = new byte[TcpSynProbe.Length];

        var length = TcpSynProbe.Write(segment, IPAddress.Parse(source), IPAddress.Parse(destination), (ushort)sourcePort, (ushort)destinationPort, sequence);

        Assert.Equal(TcpSynProbe.Length, length);
        Assert.Equal(expected, Convert.ToHexStringLower(segment));
    }

    [Fact]
    public void A_checksummed_segment_sums_to_zero_with_its_pseudo_header()
    {
        var source = IPAddress.Parse("198.18.0.1");
        var destination = IPAddress.Parse("198.18.4.2");
        var segment = new byte[TcpSynProbe.Length];
        TcpSynProbe.Write(segment, source, destination, 1234, 80, 7);

        Assert.Equal(0, TransportChecksum.Compute(source, destination, IcmpTypes.IpProtocolTcp, segment));
    }

    [Fact]
    public void A_syn_ack_from_the_target_names_the_syn_it_acknowledges()
    {
        // 80 -> 40000, seq 0x11111111, ack 0x01020305 (our 0x01020304 + 1), data offset 5, SYN|ACK.
        var bytes = Convert.FromHexString("00509c40" + "11111111" + "01020305" + "5012" + "faf0" + "0000" + "0000");

        Assert.True(TcpSegmentHeader.TryRead(bytes, out var header));
        Assert.Equal((80, 40000, TcpFlags.Syn | TcpFlags.Ack), (header.SourcePort, header.DestinationPort, header.Flags));
        Assert.True(TcpSynProbe.TryReadAnswer(header, out var sequence));
        Assert.Equal(0x01020304u, sequence);
    }

    [Fact]
    public void A_reset_with_ack_is_an_answer_and_a_bare_syn_or_ack_is_not()
    {
        var reset = new TcpSegmentHeader(80, 40000, 0, 100, TcpFlags.Rst | TcpFlags.Ack);

        Assert.True(TcpSynProbe.TryReadAnswer(reset, out var sequence));
        Assert.Equal(99u, sequence);
        Assert.False(TcpSynProbe.TryReadAnswer(reset with { Flags = TcpFlags.Syn }, out _));
        Assert.False(TcpSynProbe.TryReadAnswer(reset with { Flags = TcpFlags.Ack }, out _));
    }

    [Fact]
    public void A_segment_shorter_than_a_header_or_with_a_bad_data_offset_is_not_read()
    {
        Assert.False(TcpSegmentHeader.TryRead(new byte[19], out _));
        Assert.False(TcpSegmentHeader.TryRead(Convert.FromHexString("00509c40" + "11111111" + "01020305" + "4012" + "faf000000000"), out _));
    }
}
