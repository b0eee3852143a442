using System.Buffers.Binary;
using NetLens.Linux.Probes;

namespace NetLens.Linux.Tests.Probes;

public sealed class ControlMessagesTests
{
    /// <summary>A cmsghdr as the kernel lays it out on 64-bit Linux, padded to 8.</summary>
    private static byte[] Message(int level, int type, byte[] data)
    {
        var length = 16 + data.Length;
        var message = new byte[(length + 7) & ~7];
        BinaryPrimitives.WriteUInt64LittleEndian(message, (ulong)length);
        BinaryPrimitives.WriteInt32LittleEndian(message.AsSpan(8), level);
        BinaryPrimitives.WriteInt32LittleEndian(message.AsSpan(12), type);
        data.CopyTo(message, 16);
        return message;
    }

    [Fact]
    public void The_asked_message_is_found_after_another_and_its_data_is_exactly_its_own()
    {
        // Given a SO_TIMESTAMPNS (SOL_SOCKET 1, type 35, 16 bytes) before an IP_TTL (SOL_IP 0, type 2, an int 57).
        var timestamp = new byte[16];
        BinaryPrimitives.WriteInt64LittleEndian(timestamp, 1_700_000_000);
        BinaryPrimitives.WriteInt64LittleEndian(timestamp.AsSpan(8), 250_000_000);
        var ttl = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(ttl, 57);
        byte[] control = [.. Message(1, 35, timestamp), .. Message(0, 2, ttl)];

        Assert.Equal(timestamp, ControlMessages.Find(control, 1, 35).ToArray());
        Assert.Equal(ttl, ControlMessages.Find(control, 0, 2).ToArray());
        Assert.Equal(57, EchoProbe.ReadHopLimit(control, 0, 2));
        Assert.Null(EchoProbe.ReadHopLimit(control, 41, 52));
    }

    [Fact]
    public void A_truncated_or_malformed_list_gives_nothing_rather_than_reading_past_it()
    {
        var ttl = Message(0, 2, [57, 0, 0, 0]);
        Assert.True(ControlMessages.Find(ttl.AsSpan(0, 12), 0, 2).IsEmpty);
        BinaryPrimitives.WriteUInt64LittleEndian(ttl, 400);
        Assert.True(ControlMessages.Find(ttl, 0, 2).IsEmpty);
        Assert.True(ControlMessages.Find([], 0, 2).IsEmpty);
    }
}
