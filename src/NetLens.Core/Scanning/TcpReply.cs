using System.Buffers.Binary;
using System.Net;
using NetLens.Core.Probing;

namespace NetLens.Core.Scanning;

/// <summary>The fields of a received TCP header that say which probe it answers and what it says.</summary>
public readonly record struct TcpReply(ushort SourcePort, ushort DestinationPort, uint Sequence, uint Acknowledgment, TcpFlags Flags)
{
    private const int HeaderLength = 20;

    /// <summary>Reads a TCP header as a raw IPv6 socket hands it over (no IP header before it).</summary>
    public static bool TryRead(ReadOnlySpan<byte> segment, out TcpReply reply)
    {
        reply = default;
        if (segment.Length < HeaderLength)
        {
            return false;
        }

        reply = new TcpReply(
            BinaryPrimitives.ReadUInt16BigEndian(segment),
            BinaryPrimitives.ReadUInt16BigEndian(segment[2..]),
            BinaryPrimitives.ReadUInt32BigEndian(segment[4..]),
            BinaryPrimitives.ReadUInt32BigEndian(segment[8..]),
            (TcpFlags)(segment[13] & 0x3F));
        return true;
    }

    /// <summary>Reads an IPv4 packet as a raw IPv4 socket hands it over: IP header (with options), then TCP.</summary>
    public static bool TryReadIpv4(ReadOnlySpan<byte> packet, out IPAddress source, out TcpReply reply) =>
        TryReadIpv4(packet, out source, out reply, out _);

    /// <summary>The same, with the TTL the reply arrived with (what nmap's --reason shows as "ttl 64").</summary>
    public static bool TryReadIpv4(ReadOnlySpan<byte> packet, out IPAddress source, out TcpReply reply, out byte ttl)
    {
        source = IPAddress.None;
        reply = default;
        ttl = 0;
        if (!Ipv4Header.TryRead(packet, out var header) || header.Protocol != IcmpTypes.IpProtocolTcp || !TryRead(packet[header.Length..], out reply))
        {
            return false;
        }

        source = header.Source;
        ttl = header.Ttl;
        return true;
    }
}
