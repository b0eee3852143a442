using System.Buffers.Binary;

namespace NetLens.Core.Probing;

/// <summary>The fields of a TCP header (RFC 9293 §3.1) a tracer reads from the destination's SYN-ACK or RST.</summary>
public readonly record struct TcpSegmentHeader(ushort SourcePort, ushort DestinationPort, uint Sequence, uint Acknowledgment, TcpFlags Flags)
{
    public const int MinimumLength = 20;

    /// <summary>Reads a TCP header at the start of <paramref name="segment"/>; false when it is too short to be one.</summary>
    public static bool TryRead(ReadOnlySpan<byte> segment, out TcpSegmentHeader header)
    {
        header = default;
        if (segment.Length < MinimumLength || segment[12] >> 4 < 5)
        {
            return false;
        }

        header = new TcpSegmentHeader(
            BinaryPrimitives.ReadUInt16BigEndian(segment),
            BinaryPrimitives.ReadUInt16BigEndian(segment[2..]),
            BinaryPrimitives.ReadUInt32BigEndian(segment[4..]),
            BinaryPrimitives.ReadUInt32BigEndian(segment[8..]),
            (TcpFlags)(segment[13] & 0x3F));
        return true;
    }
}
