using System.Buffers.Binary;
using System.Net;

namespace NetLens.Core.Probing;

/// <summary>
/// Builds the TCP SYN a raw-socket tracer sends (the kernel adds the IP header) and numbers it: the high 16 bits of the
/// sequence number carry the trace's tag, the low 16 bits the probe. ICMP errors quote the first 8 bytes of TCP, the
/// sequence included, and the destination's SYN-ACK or RST acknowledges sequence + 1, so both name the probe.
/// </summary>
public static class TcpSynProbe
{
    /// <summary>20-byte header and one MSS option: some middleboxes drop SYNs without it.</summary>
    public const int Length = 24;

    private const ushort MaximumSegmentSize = 1460;
    private const ushort Window = 65535;

    public static uint SequenceOf(ushort tag, ushort probe) => ((uint)tag << 16) | probe;

    /// <summary>The probe a sequence number carries, if it carries <paramref name="tag"/>.</summary>
    public static bool TryReadProbe(uint sequence, ushort tag, out ushort probe)
    {
        probe = (ushort)sequence;
        return sequence >> 16 == tag;
    }

    /// <summary>The probe a SYN-ACK or RST from the destination answers (it acknowledges our sequence + 1).</summary>
    public static bool TryReadAnswer(TcpSegmentHeader answer, ushort tag, out ushort probe)
    {
        probe = 0;
        return (answer.Flags & TcpFlags.Ack) != 0 && (answer.Flags & (TcpFlags.Syn | TcpFlags.Rst)) != 0
            && TryReadProbe(answer.Acknowledgment - 1, tag, out probe);
    }

    /// <summary>Writes the SYN with its checksum over the pseudo-header of <paramref name="source"/> → <paramref name="destination"/>.</summary>
    public static int Write(Span<byte> segment, IPAddress source, IPAddress destination, ushort sourcePort, ushort destinationPort, uint sequence)
    {
        if (segment.Length < Length)
        {
            throw new ArgumentException($"a SYN of {Length} bytes does not fit in {segment.Length}", nameof(segment));
        }

        var syn = segment[..Length];
        syn.Clear();
        BinaryPrimitives.WriteUInt16BigEndian(syn, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(syn[2..], destinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(syn[4..], sequence);
        syn[12] = (Length / 4) << 4;
        syn[13] = (byte)TcpFlags.Syn;
        BinaryPrimitives.WriteUInt16BigEndian(syn[14..], Window);

        // Option kind 2 (MSS), length 4.
        syn[20] = 2;
        syn[21] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(syn[22..], MaximumSegmentSize);
        BinaryPrimitives.WriteUInt16BigEndian(syn[16..], TransportChecksum.Compute(source, destination, IcmpTypes.IpProtocolTcp, syn));
        return Length;
    }
}
