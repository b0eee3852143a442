using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace NetLens.Core.Probing;

/// <summary>
/// The TCP/UDP checksum: RFC 1071 over a pseudo-header (RFC 9293 §3.1 for IPv4: source, destination, zero, protocol,
/// length; RFC 8200 §8.1 for IPv6: source, destination, 32-bit length, zeros, next header) and the segment.
/// </summary>
public static class TransportChecksum
{
    public static ushort Compute(IPAddress source, IPAddress destination, byte protocol, ReadOnlySpan<byte> segment)
    {
        if (source.AddressFamily != destination.AddressFamily)
        {
            throw new ArgumentException($"{source} and {destination} are not of one family", nameof(destination));
        }

        var ipv6 = source.AddressFamily == AddressFamily.InterNetworkV6;
        var addressLength = ipv6 ? 16 : 4;
        var pseudoLength = ipv6 ? 40 : 12;
        Span<byte> buffer = stackalloc byte[pseudoLength + segment.Length];
        buffer.Clear();
        source.TryWriteBytes(buffer, out _);
        destination.TryWriteBytes(buffer[addressLength..], out _);
        if (ipv6)
        {
            BinaryPrimitives.WriteUInt32BigEndian(buffer[32..], (uint)segment.Length);
            buffer[39] = protocol;
        }
        else
        {
            buffer[9] = protocol;
            BinaryPrimitives.WriteUInt16BigEndian(buffer[10..], (ushort)segment.Length);
        }

        segment.CopyTo(buffer[pseudoLength..]);
        return InternetChecksum.Compute(buffer);
    }
}
