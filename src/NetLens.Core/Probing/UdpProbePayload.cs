using System.Buffers.Binary;

namespace NetLens.Core.Probing;

/// <summary>The payload of a UDP probe: its sequence number first, so the ports can stay constant (Paris-style).</summary>
public static class UdpProbePayload
{
    public const int Length = 2;

    public static void Write(Span<byte> destination, ushort sequence) => BinaryPrimitives.WriteUInt16BigEndian(destination, sequence);

    /// <summary>False when the router quoted only the 8 bytes RFC 792 requires, which leaves the probe unnamed.</summary>
    public static bool TryReadSequence(ReadOnlySpan<byte> payload, out ushort sequence)
    {
        sequence = 0;
        if (payload.Length < Length)
        {
            return false;
        }

        sequence = BinaryPrimitives.ReadUInt16BigEndian(payload);
        return true;
    }
}
