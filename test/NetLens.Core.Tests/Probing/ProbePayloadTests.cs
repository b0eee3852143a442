using System.Buffers.Binary;
using System.Net;
using NetLens.Core.Probing;

namespace NetLens.Core.Tests.Probing;

/// <summary>Paris-style payloads: the checksum stays the same from probe to probe; raw ICMP probes carry the trace's tag.</summary>
public class ProbePayloadTests
{
    [Fact]
    public void Raw_icmp_echo_requests_of_one_trace_all_have_the_same_checksum()
    {
        var checksums = new[] { (ushort)0x0001, (ushort)0x0104, (ushort)0xff1e }.Select(sequence =>
        {
            Span<byte> payload = stackalloc byte[IcmpProbePayload.Length];
            Span<byte> request = stackalloc byte[IcmpEchoRequest.HeaderLength + IcmpProbePayload.Length];
            IcmpProbePayload.Write(payload, 0xcafef00d, sequence);
            IcmpEchoRequest.Write(request, ipv6: false, 0x4242, sequence, payload);
            return BinaryPrimitives.ReadUInt16BigEndian(request[2..]);
        }).Distinct();

        Assert.Single(checksums);
    }

    [Fact]
    public void Udp_probes_of_one_flow_all_have_the_same_checksum()
    {
        var source = IPAddress.Parse("198.18.0.1");
        var target = IPAddress.Parse("198.18.4.2");
        var checksums = new[] { (ushort)0x0001, (ushort)0x0a04, (ushort)0xfffe }.Select(sequence =>
        {
            var datagram = new byte[8 + UdpProbePayload.Length];
            BinaryPrimitives.WriteUInt16BigEndian(datagram, 40000);
            BinaryPrimitives.WriteUInt16BigEndian(datagram.AsSpan(2), 33434);
            BinaryPrimitives.WriteUInt16BigEndian(datagram.AsSpan(4), (ushort)datagram.Length);
            UdpProbePayload.Write(datagram.AsSpan(8), sequence);
            return TransportChecksum.Compute(source, target, IcmpTypes.IpProtocolUdp, datagram);
        }).Distinct();

        Assert.Single(checksums);
    }

    [Fact]
    public void An_echo_reply_counts_only_with_our_tag_and_an_error_quoting_8_bytes_needs_none()
    {
        var target = IPAddress.Parse("198.18.4.2");
        var flow = new TraceFlow { Protocol = ProbeProtocol.Icmp, Target = target, Identifier = 0x4242, Tag = 0xcafef00d };
        var ours = new byte[IcmpProbePayload.Length];
        IcmpProbePayload.Write(ours, 0xcafef00d, 7);
        var theirs = new byte[IcmpProbePayload.Length];
        IcmpProbePayload.Write(theirs, 0x12345678, 7);
        var reply = new IcmpMessage { Kind = IcmpMessageKind.EchoReply, Type = 0, Code = 0, Identifier = 0x4242, Sequence = 7, Payload = ours };
        var error = new IcmpMessage
        {
            Kind = IcmpMessageKind.TimeExceeded,
            Type = 11,
            Code = 0,
            Quoted = new QuotedProbe { Protocol = ProbeProtocol.Icmp, Source = IPAddress.Parse("198.18.0.1"), Destination = target, Identifier = 0x4242, Sequence = 7 },
        };

        Assert.True(flow.TryMatch(reply, out var sequence));
        Assert.Equal(7, sequence);
        Assert.False(flow.TryMatch(reply with { Payload = theirs }, out _));
        Assert.False(flow.TryMatch(reply with { Payload = Array.Empty<byte>() }, out _));
        Assert.True(flow.TryMatch(error, out _));
        Assert.False(flow.TryMatch(error with { Quoted = error.Quoted.Value with { Payload = theirs } }, out _));
    }

    [Fact]
    public void An_ipv4_header_with_options_is_skipped_by_its_length_field()
    {
        // IHL 6 (one option word), protocol TCP, from 198.18.4.2.
        var packet = Convert.FromHexString("4600002c00000000400600" + "00" + "c6120402" + "c6120001" + "01010101" + "00509c40");

        Assert.True(IpPacket.TryReadIpv4(packet, out var source, out var protocol, out var offset));

        Assert.Equal((IPAddress.Parse("198.18.4.2"), (byte)6, 24), (source, protocol, offset));
        Assert.False(IpPacket.TryReadIpv4(packet.AsSpan(0, 19), out _, out _, out _));
    }
}
