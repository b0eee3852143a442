using System.Net;
using NetLens.Core.Probing;

namespace NetLens.Core.Tests.Trace;

public class TraceFlowTests
{
    private static readonly IPAddress Target = IPAddress.Parse("198.18.4.2");

    private static IcmpMessage TimeExceededQuoting(QuotedProbe quoted) =>
        new() { Kind = IcmpMessageKind.TimeExceeded, Type = 11, Code = 0, Quoted = quoted };

    private static QuotedProbe Udp(ushort sourcePort, ushort destinationPort, ushort sequence, string destination = "198.18.4.2") => new()
    {
        Protocol = ProbeProtocol.Udp,
        Source = IPAddress.Parse("198.18.0.1"),
        Destination = IPAddress.Parse(destination),
        SourcePort = sourcePort,
        DestinationPort = destinationPort,
        Payload = new byte[] { (byte)(sequence >> 8), (byte)sequence },
    };

    private readonly TraceFlow _udp = new() { Protocol = ProbeProtocol.Udp, Target = Target, SourcePort = 40000, DestinationPort = 33434 };
    private readonly TraceFlow _icmp = new() { Protocol = ProbeProtocol.Icmp, Target = Target, Identifier = 0x4242 };

    [Fact]
    public void A_udp_error_with_our_ports_and_target_gives_the_sequence_from_the_quoted_payload()
    {
        Assert.True(_udp.TryMatch(TimeExceededQuoting(Udp(40000, 33434, 300)), out var sequence));
        Assert.Equal(300, sequence);
    }

    [Theory]
    [InlineData(40001, 33434, "198.18.4.2")]
    [InlineData(40000, 33435, "198.18.4.2")]
    [InlineData(40000, 33434, "198.18.4.3")]
    public void A_udp_error_for_another_flow_is_not_ours(int sourcePort, int destinationPort, string destination)
    {
        Assert.False(_udp.TryMatch(TimeExceededQuoting(Udp((ushort)sourcePort, (ushort)destinationPort, 1, destination)), out _));
    }

    [Fact]
    public void A_udp_error_quoting_only_eight_bytes_cannot_name_the_probe()
    {
        var quoted = Udp(40000, 33434, 1) with { Payload = ReadOnlyMemory<byte>.Empty };

        Assert.False(_udp.TryMatch(TimeExceededQuoting(quoted), out _));
    }

    [Fact]
    public void An_echo_reply_with_our_identifier_is_ours_and_another_identifier_is_not()
    {
        var reply = new IcmpMessage { Kind = IcmpMessageKind.EchoReply, Type = 0, Code = 0, Identifier = 0x4242, Sequence = 12 };

        Assert.True(_icmp.TryMatch(reply, out var sequence));
        Assert.Equal(12, sequence);
        Assert.False(_icmp.TryMatch(reply with { Identifier = 0x4243 }, out _));
        Assert.False(_udp.TryMatch(reply, out _));
    }

    [Fact]
    public void An_icmp_error_quoting_our_echo_gives_its_sequence()
    {
        var quoted = new QuotedProbe { Protocol = ProbeProtocol.Icmp, Source = IPAddress.Parse("198.18.0.1"), Destination = Target, Identifier = 0x4242, Sequence = 44 };

        Assert.True(_icmp.TryMatch(TimeExceededQuoting(quoted), out var sequence));
        Assert.Equal(44, sequence);
        Assert.False(_udp.TryMatch(TimeExceededQuoting(quoted), out _));
    }
}
