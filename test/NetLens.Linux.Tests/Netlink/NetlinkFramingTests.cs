using System.Buffers.Binary;
using NetLens.Linux.Netlink;

namespace NetLens.Linux.Tests.Netlink;

public class NetlinkFramingTests
{
    private const ushort RtmNewRoute = 24;

    [Fact]
    public void Message_reader_walks_every_message_of_a_captured_datagram_to_its_end()
    {
        var datagram = NetlinkFixture.Datagrams("route-dump-ipv4.hex")[0];

        var count = 0;
        var bytes = 0;
        foreach (var message in new NetlinkMessageReader(datagram))
        {
            Assert.Equal(RtmNewRoute, message.Type);
            Assert.Equal(NetlinkConstants.NLM_F_MULTI, (ushort)(message.Flags & NetlinkConstants.NLM_F_MULTI));
            count++;
            bytes += NetlinkConstants.Align(message.Payload.Length + NetlinkConstants.HeaderLength);
        }

        Assert.True(count > 10);
        Assert.Equal(datagram.Length, bytes);
    }

    [Fact]
    public void Message_reader_rejects_a_length_beyond_the_datagram()
    {
        var datagram = NetlinkFixture.Datagrams("route-dump-ipv4.hex")[0].AsSpan(0, 40).ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(datagram, 200);

        Assert.Throws<InvalidDataException>(() =>
        {
            var reader = new NetlinkMessageReader(datagram);
            reader.MoveNext();
        });
    }

    [Fact]
    public void Multi_part_dump_is_done_only_at_NLMSG_DONE_of_the_last_datagram()
    {
        var datagrams = NetlinkFixture.Datagrams("route-dump-ipv4.hex");
        var reader = new NetlinkDumpReader<string>(SequenceOf(datagrams[0]), static (in NetlinkMessage m) => "route");

        Assert.True(datagrams.Count >= 3);
        for (var i = 0; i < datagrams.Count - 1; i++)
        {
            Assert.False(reader.Accept(datagrams[i]));
        }

        Assert.True(reader.Accept(datagrams[^1]));
        Assert.True(reader.Done);
        Assert.False(reader.Interrupted);
        Assert.Equal(144, reader.Items.Count);
    }

    [Fact]
    public void Dump_ignores_messages_of_another_sequence_number()
    {
        var datagrams = NetlinkFixture.Datagrams("route-dump-ipv4.hex");
        var reader = new NetlinkDumpReader<string>(SequenceOf(datagrams[0]) + 1, static (in NetlinkMessage m) => "route");

        foreach (var datagram in datagrams)
        {
            Assert.False(reader.Accept(datagram));
        }

        Assert.Empty(reader.Items);
    }

    [Fact]
    public void Dump_with_NLM_F_DUMP_INTR_on_one_message_is_reported_interrupted()
    {
        var datagrams = NetlinkFixture.Datagrams("route-dump-ipv4.hex").Select(d => d.ToArray()).ToList();
        var second = datagrams[1];
        var flags = BinaryPrimitives.ReadUInt16LittleEndian(second.AsSpan(6));
        BinaryPrimitives.WriteUInt16LittleEndian(second.AsSpan(6), (ushort)(flags | NetlinkConstants.NLM_F_DUMP_INTR));
        var reader = new NetlinkDumpReader<string>(SequenceOf(datagrams[0]), static (in NetlinkMessage m) => "route");

        foreach (var datagram in datagrams)
        {
            reader.Accept(datagram);
        }

        Assert.True(reader.Done);
        Assert.True(reader.Interrupted);
    }

    [Fact]
    public void NLMSG_ERROR_with_extended_ack_gives_errno_strerror_and_the_kernel_text()
    {
        var answer = NetlinkFixture.Single("error-extack.answer.hex");
        var reader = new NetlinkDumpReader<string>(SequenceOf(answer), static (in NetlinkMessage m) => "x");

        var exception = Assert.Throws<NetlinkException>(() => reader.Accept(answer));

        Assert.Equal(101, exception.Errno);
        Assert.Equal("Network is unreachable", exception.Message);
        Assert.Equal("Nexthop has invalid gateway", exception.KernelMessage);
    }

    [Fact]
    public void NLMSG_ERROR_without_extended_ack_has_no_kernel_text()
    {
        var answer = NetlinkFixture.Single("lookup-unreachable.answer.hex");
        var reader = new NetlinkMessageReader(answer);
        Assert.True(reader.MoveNext());

        var error = NetlinkError.FromError(reader.Current);

        Assert.Equal(NetlinkConstants.NLMSG_ERROR, reader.Current.Type);
        Assert.Equal(113, error.Errno);
        Assert.Null(error.KernelMessage);
        Assert.Equal("No route to host", error.ToException().Message);
    }

    [Fact]
    public void Prohibit_refusal_is_EACCES()
    {
        var reader = new NetlinkMessageReader(NetlinkFixture.Single("lookup-prohibit.answer.hex"));
        Assert.True(reader.MoveNext());

        var error = NetlinkError.FromError(reader.Current);

        Assert.Equal(13, error.Errno);
        Assert.Equal("Permission denied", error.ToException().Message);
    }

    /// <summary>Found by the fuzz target netlink-error: an echoed length past int read the extended ack at a negative offset.</summary>
    [Fact]
    public void NLMSG_ERROR_whose_echoed_length_runs_past_the_payload_keeps_the_errno()
    {
        var reader = new NetlinkMessageReader(Convert.FromHexString("180000000200000284D9066BBD1C000015EF363BAD86CAB1"));
        Assert.True(reader.MoveNext());

        var error = NetlinkError.FromError(reader.Current);

        Assert.Equal(-BinaryPrimitives.ReadInt32LittleEndian(reader.Current.Payload), error.Errno);
        Assert.Null(error.KernelMessage);
    }

    [Fact]
    public void NLMSG_DONE_carrying_an_error_fails_the_dump()
    {
        var done = new byte[20];
        BinaryPrimitives.WriteUInt32LittleEndian(done, 20);
        BinaryPrimitives.WriteUInt16LittleEndian(done.AsSpan(4), NetlinkConstants.NLMSG_DONE);
        BinaryPrimitives.WriteUInt32LittleEndian(done.AsSpan(8), 7);
        BinaryPrimitives.WriteInt32LittleEndian(done.AsSpan(16), -95);
        var reader = new NetlinkDumpReader<string>(7, static (in NetlinkMessage m) => "x");

        var exception = Assert.Throws<NetlinkException>(() => reader.Accept(done));

        Assert.Equal(95, exception.Errno);
    }

    private static uint SequenceOf(byte[] datagram) => BinaryPrimitives.ReadUInt32LittleEndian(datagram.AsSpan(8));
}
