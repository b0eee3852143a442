using System.Buffers.Binary;
using System.Net;

namespace NetLens.Core.Probing;

/// <summary>
/// Builds the TCP SYN a raw-socket tracer sends (the kernel adds the IP header). The sequence number names the probe:
/// ICMP errors quote the first 8 bytes of TCP, the sequence included, and the destination's SYN-ACK or RST
/// acknowledges sequence + 1. A tracer numbers its SYNs with a 32-bit counter, so a late SYN-ACK the destination
/// resends (our RST got lost) can never pass for the answer to a newer probe.
/// </summary>
public static class TcpSynProbe
{
    /// <summary>20-byte header and one MSS option: some middleboxes drop SYNs without it.</summary>
    public const int Length = 24;

    private const ushort MaximumSegmentSize = 1460;
    private const ushort Window = 65535;

    /// <summary>The sequence number of the SYN a SYN-ACK or RST+ACK answers (it acknowledges sequence + 1).</summary>
    public static bool TryReadAnswer(TcpSegmentHeader answer, out uint sequence)
    {
        sequence = answer.Acknowledgment - 1;
        return (answer.Flags & TcpFlags.Ack) != 0 && (answer.Flags & (TcpFlags.Syn | TcpFlags.Rst)) != 0;
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
