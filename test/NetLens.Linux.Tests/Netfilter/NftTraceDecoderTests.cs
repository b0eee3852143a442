using System.Buffers.Binary;
using System.Text;
using NetLens.Linux.Netfilter;

namespace NetLens.Linux.Tests.Netfilter;

public class NftTraceDecoderTests
{
    [Fact]
    public void A_rule_drop_is_decoded_with_table_chain_handle_and_verdict()
    {
        // Given NFT_MSG_TRACE of an inet table: rule handle 2 of dkin/input dropped packet 0x1234abcd arriving on ifindex 3
        var message = Trace(1,
            Str(1, "dkin"), Str(2, "input"), Be64(3, 2), Be32(4, 3),
            Nested(5, Be32(1, 0)), Be32(6, 0x1234abcd), Be32(10, 3), Be16(11, 1), Be32(15, 2));

        // When it is decoded
        var trace = Assert.Single(NftTraceDecoder.DecodeAll(message));

        // Then every field is read in network byte order
        Assert.Equal(0x1234abcdu, trace.Id);
        Assert.Equal("inet", trace.FamilyWord);
        Assert.Equal(("dkin", "input"), (trace.Table, trace.Chain));
        Assert.Equal(2ul, trace.RuleHandle);
        Assert.Equal(NftTraceType.Rule, trace.Type);
        Assert.Equal(0, trace.Verdict);
        Assert.Equal("drop", NftTraceEvent.VerdictWord(trace.Decision!.Value));
        Assert.Equal(3u, trace.InputInterface);
        Assert.Null(trace.OutputInterface);
        Assert.Equal(2u, trace.NfProto);
        Assert.True(NftTraceOutcome.IsDrop(trace));
    }

    [Fact]
    public void A_policy_event_carries_the_policy_not_a_verdict()
    {
        var message = Trace(2, Str(1, "filter"), Str(2, "INPUT"), Be32(4, 1), Be32(16, 0), Be32(6, 7), Be32(12, 4), Be32(14, 0x10));

        var trace = Assert.Single(NftTraceDecoder.DecodeAll(message));

        Assert.Equal("ip", trace.FamilyWord);
        Assert.Equal(NftTraceType.Policy, trace.Type);
        Assert.Null(trace.Verdict);
        Assert.Null(trace.RuleHandle);
        Assert.Equal(0, trace.Decision);
        Assert.Equal(4u, trace.OutputInterface);
        Assert.Equal(0x10u, trace.Mark);
    }

    [Fact]
    public void A_jump_verdict_is_negative_and_names_its_chain()
    {
        var message = Trace(10, Str(1, "fw"), Str(2, "input"), Be64(3, 9), Be32(4, 3), Nested(5, Be32(1, unchecked((uint)-3)), Str(2, "tcp_in")), Be32(6, 1));

        var trace = Assert.Single(NftTraceDecoder.DecodeAll(message));

        Assert.Equal("ip6", trace.FamilyWord);
        Assert.Equal(-3, trace.Verdict);
        Assert.Equal("jump", NftTraceEvent.VerdictWord(-3));
        Assert.Equal("tcp_in", trace.JumpTarget);
        Assert.False(NftTraceOutcome.IsDrop(trace));
        Assert.False(NftTraceOutcome.IsAccept(trace));
    }

    [Fact]
    public void Messages_of_other_subsystems_and_types_are_not_traces()
    {
        // NFT_MSG_NEWTABLE (subsystem 10, message 0) and an nfnetlink message of another subsystem (conntrack, 1)
        var table = Message((10 << 8) | 0, [1, 0, 0, 0, .. Str(1, "x")]);
        var conntrack = Message((1 << 8) | 17, [2, 0, 0, 0, .. Str(1, "x")]);

        Assert.Empty(NftTraceDecoder.DecodeAll([.. table, .. conntrack]));
    }

    [Fact]
    public void Several_events_of_one_datagram_come_in_order()
    {
        var ours = Trace(1, Str(1, "netlens_trace_1_0"), Str(2, "output"), Be64(3, 2), Be32(4, 3), Nested(5, Be32(1, unchecked((uint)-1))), Be32(6, 5));
        var accept = Trace(1, Str(1, "filter"), Str(2, "output"), Be64(3, 4), Be32(4, 3), Nested(5, Be32(1, 1)), Be32(6, 5));

        var events = NftTraceDecoder.DecodeAll([.. ours, .. accept]);

        Assert.Equal(["netlens_trace_1_0", "filter"], events.Select(e => e.Table));
        Assert.Same(events[1], NftTraceOutcome.Decide(events, "netlens_trace_1_0"));
    }

    [Fact]
    public void The_first_drop_decides_over_an_earlier_packets_accept_and_netlens_own_table_is_left_out()
    {
        NftTraceEvent Event(uint id, string table, string chain, NftTraceType type, int? verdict, int? policy = null) =>
            new(id, 1, table, chain, type == NftTraceType.Policy ? null : 7, type, verdict, null, policy);
        var events = new[]
        {
            Event(1, "own", "prerouting", NftTraceType.Policy, null, policy: 1),
            Event(1, "fw", "input", NftTraceType.Rule, 1),
            Event(2, "own", "prerouting", NftTraceType.Policy, null, policy: 0),
            Event(2, "fw", "input", NftTraceType.Rule, -1),
            Event(2, "fw", "input", NftTraceType.Policy, null, policy: 0),
        };

        var decided = NftTraceOutcome.Decide(events, "own");

        Assert.NotNull(decided);
        Assert.Equal((2u, NftTraceType.Policy), (decided.Id, decided.Type));
        Assert.Null(NftTraceOutcome.Decide(events.Where(e => e.Table == "own"), "own"));
    }

    [Fact]
    public void A_drop_with_an_errno_in_the_upper_bits_is_a_drop()
    {
        // NF_DROP_ERR(EPERM) = ((-EPERM) << 16) | NF_DROP
        var message = Trace(1, Str(1, "fw"), Str(2, "output"), Be64(3, 3), Be32(4, 3), Nested(5, Be32(1, unchecked((uint)(-1 << 16)))), Be32(6, 1));

        var trace = Assert.Single(NftTraceDecoder.DecodeAll(message));

        Assert.Equal(-65536, trace.Verdict);
        Assert.True(NftTraceOutcome.IsDrop(trace));
    }

    private static byte[] Trace(byte family, params byte[][] attributes) =>
        Message((10 << 8) | 17, [family, 0, 0, 0, .. attributes.SelectMany(a => a)]);

    private static byte[] Message(int type, byte[] payload)
    {
        var message = new byte[16 + payload.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(message, (uint)message.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(4), (ushort)type);
        payload.CopyTo(message, 16);
        return [.. message, .. new byte[Pad(message.Length)]];
    }

    private static byte[] Attribute(ushort type, byte[] value)
    {
        var attribute = new byte[4 + value.Length + Pad(4 + value.Length)];
        BinaryPrimitives.WriteUInt16LittleEndian(attribute, (ushort)(4 + value.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(attribute.AsSpan(2), type);
        value.CopyTo(attribute, 4);
        return attribute;
    }

    private static byte[] Str(ushort type, string value) => Attribute(type, [.. Encoding.ASCII.GetBytes(value), 0]);

    private static byte[] Be16(ushort type, ushort value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        return Attribute(type, bytes);
    }

    private static byte[] Be32(ushort type, uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return Attribute(type, bytes);
    }

    private static byte[] Be64(ushort type, ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        return Attribute(type, bytes);
    }

    // NLA_F_NESTED (0x8000) is set on nested attributes by the kernel
    private static byte[] Nested(ushort type, params byte[][] inner) => Attribute((ushort)(type | 0x8000), [.. inner.SelectMany(a => a)]);

    private static int Pad(int length) => ((length + 3) & ~3) - length;
}
