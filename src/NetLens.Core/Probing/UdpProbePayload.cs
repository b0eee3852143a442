using System.Buffers.Binary;

namespace NetLens.Core.Probing;

/// <summary>
/// The payload of a UDP probe: its sequence number first, so the ports can stay constant (Paris-style), then the
/// sequence's one's complement, so the UDP checksum is the same for every probe too (load balancers that hash the
/// first 8 bytes of the transport header would otherwise spread one trace over several paths).
/// </summary>
public static class UdpProbePayload
{
    public const int Length = 4;

    public static void Write(Span<byte> destination, ushort sequence)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, sequence);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)~sequence);
    }

    /// <summary>False when the router quoted only the 8 bytes RFC 792 requires, which leaves the probe unnamed.</summary>
    public static bool TryReadSequence(ReadOnlySpan<byte> payload, out ushort sequence)
    {
        sequence = 0;
        if (payload.Length < sizeof(ushort))
        {
            return false;
        }

        sequence = BinaryPrimitives.ReadUInt16BigEndian(payload);
        return true;
    }
}
