using System.Buffers.Binary;

namespace NetLens.Core.Scanning;

/// <summary>An NTPv4 client request (RFC 5905 §7.3): 48 bytes, mode 3; the server echoes the transmit timestamp as its origin.</summary>
public static class UdpNtpRequest
{
    public const int Length = 48;

    /// <summary>LI 0 (no warning), VN 4, mode 3 (client), packed as LI:2 VN:3 Mode:3.</summary>
    public const byte FirstByte = (0 << 6) | (4 << 3) | 3;

    private const int TransmitTimestampOffset = 40;

    public static byte[] Build(ulong transmitTimestamp)
    {
        var request = new byte[Length];
        request[0] = FirstByte;
        BinaryPrimitives.WriteUInt64BigEndian(request.AsSpan(TransmitTimestampOffset), transmitTimestamp);
        return request;
    }
}
