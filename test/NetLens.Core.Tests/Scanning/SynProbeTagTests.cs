using NetLens.Core.Probing;
using NetLens.Core.Scanning;

namespace NetLens.Core.Tests.Scanning;

public class SynProbeTagTests
{
    private readonly SynProbeTag _tag = new(0x5A17C0DE);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(65535, 21)]
    [InlineData(443, 128)]
    public void A_reply_acknowledging_sequence_plus_one_names_its_port_and_attempt(int port, int attempt)
    {
        Assert.True(_tag.TryReadAcknowledged(_tag.Sequence(port, attempt) + 1, out var readPort, out var readAttempt));

        Assert.Equal((port, attempt), (readPort, readAttempt));
    }

    [Fact]
    public void Two_attempts_of_one_port_lie_outside_any_receive_window_of_each_other()
    {
        var distance = _tag.Sequence(22, 1) ^ _tag.Sequence(22, 2);

        Assert.True(distance >= 1u << 24);
    }

    [Fact]
    public void A_number_some_other_flow_carries_is_not_taken_for_a_probe()
    {
        var foreign = _tag.Sequence(22, 1) + 1000;

        Assert.False(_tag.TryRead(foreign, out _, out _));
    }

    [Fact]
    public void Consecutive_attempts_leave_from_rotating_source_ports()
    {
        Assert.Equal([0, 1, 2, 3, 0], Enumerable.Range(1, 5).Select(a => SynProbeTag.SourcePortIndex(a, 4)));
    }

    [Theory]
    [InlineData(TcpFlags.Syn | TcpFlags.Ack, PortState.Open, PortReason.SynAck)]
    [InlineData(TcpFlags.Rst | TcpFlags.Ack, PortState.Closed, PortReason.Reset)]
    [InlineData(TcpFlags.Rst, PortState.Closed, PortReason.Reset)]
    public void Syn_ack_means_open_and_rst_closed(TcpFlags flags, PortState state, PortReason reason)
    {
        Assert.Equal((state, reason), SynScanVerdict.FromTcp(flags));
    }

    [Fact]
    public void A_bare_ack_says_nothing()
    {
        Assert.Null(SynScanVerdict.FromTcp(TcpFlags.Ack));
    }

    [Theory]
    [InlineData(3, 13, false, PortReason.AdminProhibited)]
    [InlineData(3, 1, false, PortReason.HostUnreach)]
    [InlineData(3, 3, false, PortReason.PortUnreach)]
    [InlineData(1, 1, true, PortReason.AdminProhibited)]
    [InlineData(1, 4, true, PortReason.PortUnreach)]
    public void Unreachables_make_the_port_filtered_with_their_reason(byte type, byte code, bool ipv6, PortReason reason)
    {
        Assert.Equal((PortState.Filtered, reason), SynScanVerdict.FromIcmp(type, code, ipv6));
    }

    [Fact]
    public void Time_exceeded_is_no_verdict()
    {
        Assert.Null(SynScanVerdict.FromIcmp(IcmpTypes.V4TimeExceeded, 0, ipv6: false));
    }

    [Fact]
    public void A_timestamp_request_is_rfc_792_type_13_with_a_valid_checksum()
    {
        var packet = new byte[DiscoveryProbes.TimestampLength];

        DiscoveryProbes.WriteTimestampRequest(packet, 0x1234, 2, 1000);

        Assert.Equal("0d00", Convert.ToHexStringLower(packet.AsSpan(0, 2)));
        Assert.Equal("12340002000003e8", Convert.ToHexStringLower(packet.AsSpan(4, 8)));
        Assert.Equal(0, InternetChecksum.Compute(packet));
    }
}
