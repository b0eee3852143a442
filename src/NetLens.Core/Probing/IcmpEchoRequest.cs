using System.Buffers.Binary;

namespace NetLens.Core.Probing;

/// <summary>Encodes ICMP echo requests (RFC 792 type 8, RFC 4443 type 128).</summary>
public static class IcmpEchoRequest
{
    public const int HeaderLength = 8;

    /// <summary>Writes the request into <paramref name="destination"/> and returns its length.</summary>
    /// <remarks>
    /// ICMPv6's checksum covers a pseudo-header with addresses only the kernel knows for sure,
    /// so it is left 0: Linux fills it for raw ICMPv6 and ICMPv6 datagram sockets (RFC 3542 §3.1).
    /// </remarks>
    public static int Write(Span<byte> destination, bool ipv6, ushort identifier, ushort sequence, ReadOnlySpan<byte> payload)
    {
        var length = HeaderLength + payload.Length;
        if (destination.Length < length)
        {
            throw new ArgumentException($"an echo request of {length} bytes does not fit in {destination.Length}", nameof(destination));
        }

        var packet = destination[..length];
        packet[0] = ipv6 ? IcmpTypes.V6EchoRequest : IcmpTypes.V4EchoRequest;
        packet[1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(packet[2..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(packet[4..], identifier);
        BinaryPrimitives.WriteUInt16BigEndian(packet[6..], sequence);
        payload.CopyTo(packet[HeaderLength..]);
        if (!ipv6)
        {
            BinaryPrimitives.WriteUInt16BigEndian(packet[2..], InternetChecksum.Compute(packet));
        }

        return length;
    }
}
