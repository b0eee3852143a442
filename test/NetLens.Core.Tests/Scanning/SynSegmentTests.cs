using System.Buffers.Binary;
using System.Net;
using NetLens.Core.Probing;
using NetLens.Core.Scanning;

namespace NetLens.Core.Tests.Scanning;

public class SynSegmentTests
{
    private static readonly IPAddress Source = IPAddress.Parse("198.18.7.1");
    private static readonly IPAddress Destination = IPAddress.Parse("198.18.7.2");

    [Fact]
    public void A_syn_carries_ports_sequence_flags_and_an_mss_option_in_rfc_9293_layout()
    {
        var segment = new byte[SynSegment.Length];

        var length = SynSegment.Write(segment, Source, Destination, 40000, 443, 0x01020304, 0, TcpFlags.Syn);

        Assert.Equal(24, length);
        Assert.Equal("9c4001bb01020304000000006002faf0", Convert.ToHexStringLower(segment.AsSpan(0, 16)));
        Assert.Equal("0000020405b4", Convert.ToHexStringLower(segment.AsSpan(18, 6)));
    }

    [Fact]
    public void The_ipv4_checksum_is_the_rfc_1071_sum_over_the_pseudo_header_and_segment()
    {
        var segment = new byte[SynSegment.Length];
        SynSegment.Write(segment, Source, Destination, 40000, 443, 7, 0, TcpFlags.Syn);

        // RFC 9293 §3.1: source, destination, zero, protocol 6, TCP length — summed independently here
        var pseudo = Convert.FromHexString("c6120701" + "c6120702" + "0006" + "0018");
        Assert.Equal(0, InternetChecksum.Compute([.. pseudo, .. segment]));
        Assert.Equal(0, SynSegment.Checksum(segment, Source, Destination));
    }

    [Fact]
    public void The_ipv6_checksum_covers_rfc_8200s_pseudo_header()
    {
        var source = IPAddress.Parse("2001:db8:7::1");
        var destination = IPAddress.Parse("2001:db8:7::2");
        var segment = new byte[SynSegment.Length];
        SynSegment.Write(segment, source, destination, 40000, 22, 9, 0, TcpFlags.Syn);

        var pseudo = Convert.FromHexString("20010db8000700000000000000000001" + "20010db8000700000000000000000002" + "00000018" + "000000" + "06");
        Assert.Equal(0, InternetChecksum.Compute([.. pseudo, .. segment]));
    }

    [Fact]
    public void An_ack_probe_carries_its_number_in_the_acknowledgment_field()
    {
        var segment = new byte[SynSegment.Length];

        SynSegment.Write(segment, Source, Destination, 40000, 80, 0, 0xCAFEBABE, TcpFlags.Ack);

        Assert.Equal(0xCAFEBABE, BinaryPrimitives.ReadUInt32BigEndian(segment.AsSpan(8)));
        Assert.Equal((byte)TcpFlags.Ack, segment[13]);
    }

    [Fact]
    public void Mixed_families_are_refused()
    {
        Assert.Throws<ArgumentException>(() => SynSegment.Write(new byte[24], Source, IPAddress.IPv6Loopback, 1, 2, 3, 0, TcpFlags.Syn));
    }
}
