using System.Buffers.Binary;

namespace NetLens.Core.Probing;

/// <summary>
/// The payload of a raw-socket ICMP echo probe: the trace's 32-bit tag, then the one's complement of the sequence.
/// The tag tells our replies from those of another tracer that happens to use the same identifier (a raw socket sees
/// every ICMP message of the host); the complement keeps the ICMP checksum the same for every probe (Paris-style:
/// load balancers that hash the first transport bytes keep all probes of a trace on one path).
/// </summary>
public static class IcmpProbePayload
{
    public const int Length = 6;

    public static void Write(Span<byte> destination, uint tag, ushort sequence)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, tag);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], (ushort)~sequence);
    }

    /// <summary>
    /// False when the payload is there but carries another tag; a router that quoted only the 8 bytes RFC 792 requires
    /// leaves nothing to check, which counts as ours (the identifier and sequence already matched).
    /// </summary>
    public static bool Carries(ReadOnlySpan<byte> payload, uint tag) =>
        payload.Length < sizeof(uint) || BinaryPrimitives.ReadUInt32BigEndian(payload) == tag;
}
