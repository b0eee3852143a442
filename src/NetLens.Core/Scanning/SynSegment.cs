using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using NetLens.Core.Probing;

namespace NetLens.Core.Scanning;

/// <summary>
/// Encodes the bare TCP segment a raw-socket scan sends (a SYN, or an ACK for discovery): the kernel adds the IP header,
/// the checksum covers the RFC 9293 §3.1 pseudo-header (IPv6: RFC 8200 §8.1), so the source address must be the one the
/// kernel will put on the packet.
/// </summary>
public static class SynSegment
{
    /// <summary>20 bytes of header and one MSS option: a SYN without options looks forged to some filters.</summary>
    public const int Length = 24;

    /// <summary>The MSS an Ethernet path allows; only advertised, no data follows.</summary>
    public const ushort MaximumSegmentSize = 1460;

    public const ushort Window = 64240;

    /// <summary>Writes the segment into <paramref name="segment"/> (at least <see cref="Length"/> bytes) and returns its length.</summary>
    public static int Write(
        Span<byte> segment,
        IPAddress source,
        IPAddress destination,
        ushort sourcePort,
        ushort destinationPort,
        uint sequence,
        uint acknowledgment,
        TcpFlags flags)
    {
        if (segment.Length < Length)
        {
            throw new ArgumentException($"a probe segment needs {Length} bytes, not {segment.Length}", nameof(segment));
        }

        var tcp = segment[..Length];
        BinaryPrimitives.WriteUInt16BigEndian(tcp, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[2..], destinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[4..], sequence);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[8..], acknowledgment);
        tcp[12] = (Length / 4) << 4;
        tcp[13] = (byte)flags;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[14..], Window);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[16..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[18..], 0);

        // option kind 2 (MSS), length 4
        tcp[20] = 2;
        tcp[21] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[22..], MaximumSegmentSize);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[16..], Checksum(tcp, source, destination));
        return Length;
    }

    /// <summary>The TCP checksum over pseudo-header and segment; 0 when a segment carrying its checksum is intact.</summary>
    public static ushort Checksum(ReadOnlySpan<byte> segment, IPAddress source, IPAddress destination)
    {
        var ipv6 = source.AddressFamily == AddressFamily.InterNetworkV6;
        if (ipv6 != (destination.AddressFamily == AddressFamily.InterNetworkV6))
        {
            throw new ArgumentException("source and destination must be of one family", nameof(destination));
        }

        var pseudoLength = ipv6 ? 40 : 12;
        Span<byte> buffer = stackalloc byte[pseudoLength + segment.Length];
        var pseudo = buffer[..pseudoLength];
        pseudo.Clear();
        if (ipv6)
        {
            // source, destination, upper-layer length (32 bits), three zero bytes, next header
            source.TryWriteBytes(pseudo, out _);
            destination.TryWriteBytes(pseudo[16..], out _);
            BinaryPrimitives.WriteUInt32BigEndian(pseudo[32..], (uint)segment.Length);
            pseudo[39] = IcmpTypes.IpProtocolTcp;
        }
        else
        {
            // source, destination, zero, protocol, TCP length
            source.TryWriteBytes(pseudo, out _);
            destination.TryWriteBytes(pseudo[4..], out _);
            pseudo[9] = IcmpTypes.IpProtocolTcp;
            BinaryPrimitives.WriteUInt16BigEndian(pseudo[10..], (ushort)segment.Length);
        }

        segment.CopyTo(buffer[pseudoLength..]);
        return InternetChecksum.Compute(buffer);
    }
}
