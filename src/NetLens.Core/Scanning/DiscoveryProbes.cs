using System.Buffers.Binary;
using NetLens.Core.Probing;

namespace NetLens.Core.Scanning;

/// <summary>
/// The probes privileged host discovery sends, as nmap's default set: ICMP echo, TCP SYN to 443, TCP ACK to 80 and
/// (IPv4 only: ICMPv6 has no timestamp) ICMP timestamp. Any answer from the host proves it up: an echo or timestamp
/// reply, a SYN/ACK or RST to the SYN, a RST to the ACK (RFC 9293 §3.10.7.1: an unexpected ACK is answered with RST).
/// </summary>
public static class DiscoveryProbes
{
    public const int SynPort = 443;
    public const int AckPort = 80;

    /// <summary>RFC 792 timestamp request and reply.</summary>
    public const byte TimestampRequestType = 13;

    public const byte TimestampReplyType = 14;

    public const int TimestampLength = 20;

    /// <summary>Writes an ICMP timestamp request (RFC 792: originate time in ms since midnight UT) and returns its length.</summary>
    public static int WriteTimestampRequest(Span<byte> destination, ushort identifier, ushort sequence, uint originateMs)
    {
        if (destination.Length < TimestampLength)
        {
            throw new ArgumentException($"a timestamp request needs {TimestampLength} bytes", nameof(destination));
        }

        var packet = destination[..TimestampLength];
        packet.Clear();
        packet[0] = TimestampRequestType;
        BinaryPrimitives.WriteUInt16BigEndian(packet[4..], identifier);
        BinaryPrimitives.WriteUInt16BigEndian(packet[6..], sequence);
        BinaryPrimitives.WriteUInt32BigEndian(packet[8..], originateMs);
        BinaryPrimitives.WriteUInt16BigEndian(packet[2..], InternetChecksum.Compute(packet));
        return TimestampLength;
    }

    /// <summary>
    /// What proves a host up and how nmap's --reason names it: echo-reply, timestamp-reply, syn-ack, reset; an ICMP
    /// unreachable from the host itself (port or protocol unreachable) also proves it is there.
    /// </summary>
    public static PortReason? ProofOfLife(in IcmpMessage message, bool ipv6) =>
        message.Kind == IcmpMessageKind.EchoReply ? PortReason.EchoReply
        : !ipv6 && message.Type == TimestampReplyType ? PortReason.TimestampReply
        : null;
}
