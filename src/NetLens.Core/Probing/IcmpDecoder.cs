using System.Buffers.Binary;
using System.Net;

namespace NetLens.Core.Probing;

/// <summary>
/// Decodes ICMP (RFC 792, RFC 1812 §4.3.2.3) and ICMPv6 (RFC 4443) messages and the original
/// IP + transport header their errors quote, so replies are matched to probes by content, not timing.
/// </summary>
public static class IcmpDecoder
{
    private const int Ipv4MinimumHeader = 20;
    private const int Ipv6Header = 40;
    private const int ErrorHeader = 8;

    /// <summary>Decodes an IPv4 packet as a raw ICMP socket delivers it: IP header, then ICMP.</summary>
    public static bool TryDecodeIpv4Packet(ReadOnlySpan<byte> packet, out IPAddress sender, out IcmpMessage message)
    {
        sender = IPAddress.None;
        message = default;
        if (packet.Length < Ipv4MinimumHeader || packet[0] >> 4 != 4 || packet[9] != IcmpTypes.IpProtocolIcmp)
        {
            return false;
        }

        var headerLength = (packet[0] & 0x0F) * 4;
        if (headerLength < Ipv4MinimumHeader || packet.Length < headerLength)
        {
            return false;
        }

        sender = new IPAddress(packet.Slice(12, 4));
        return TryDecode(packet[headerLength..], ipv6: false, out message);
    }

    /// <summary>Decodes one ICMP (or ICMPv6) message starting at its type byte, as datagram and ICMPv6 sockets deliver it.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> icmp, bool ipv6, out IcmpMessage message)
    {
        message = default;
        if (icmp.Length < ErrorHeader)
        {
            return false;
        }

        var type = icmp[0];
        var code = icmp[1];
        var kind = KindOf(type, code, ipv6);
        if (kind == IcmpMessageKind.EchoReply)
        {
            message = new IcmpMessage
            {
                Kind = kind,
                Type = type,
                Code = code,
                Identifier = BinaryPrimitives.ReadUInt16BigEndian(icmp[4..]),
                Sequence = BinaryPrimitives.ReadUInt16BigEndian(icmp[6..]),
                Payload = icmp[ErrorHeader..].ToArray(),
            };
            return true;
        }

        // Errors quote the original datagram after the 8-byte header; RFC 4884 extensions may follow it, which the
        // first bytes we read are not affected by.
        QuotedProbe? quoted = null;
        if (kind != IcmpMessageKind.Other && TryDecodeQuote(icmp[ErrorHeader..], out var probe))
        {
            quoted = probe;
        }

        // Only these two carry RFC 4884's length attribute (byte 5 in ICMP, byte 4 in ICMPv6); packet too big has an MTU there.
        IReadOnlyList<MplsLabel> mpls = kind is IcmpMessageKind.TimeExceeded or IcmpMessageKind.DestinationUnreachable
            ? IcmpExtensions.ReadMpls(icmp[ErrorHeader..], ipv6 ? icmp[4] : icmp[5], ipv6)
            : [];
        message = new IcmpMessage { Kind = kind, Type = type, Code = code, Quoted = quoted, Mpls = mpls };
        return true;
    }

    /// <summary>Reads the quoted original datagram: an IPv4 or IPv6 header, then at least 8 bytes of its transport header.</summary>
    public static bool TryDecodeQuote(ReadOnlySpan<byte> quote, out QuotedProbe probe)
    {
        probe = default;
        if (quote.Length < 1)
        {
            return false;
        }

        IPAddress source, destination;
        byte protocol;
        ReadOnlySpan<byte> transport;
        switch (quote[0] >> 4)
        {
            case 4:
                var headerLength = (quote[0] & 0x0F) * 4;
                if (headerLength < Ipv4MinimumHeader || quote.Length < headerLength + 8)
                {
                    return false;
                }

                protocol = quote[9];
                source = new IPAddress(quote.Slice(12, 4));
                destination = new IPAddress(quote.Slice(16, 4));
                transport = quote[headerLength..];
                break;
            case 6:
                if (quote.Length < Ipv6Header + 8)
                {
                    return false;
                }

                // Probes carry no extension headers, so the next header is the transport.
                protocol = quote[6];
                source = new IPAddress(quote.Slice(8, 16));
                destination = new IPAddress(quote.Slice(24, 16));
                transport = quote[Ipv6Header..];
                break;
            default:
                return false;
        }

        probe = protocol switch
        {
            IcmpTypes.IpProtocolIcmp or IcmpTypes.IpProtocolIcmpV6 => new QuotedProbe
            {
                Protocol = ProbeProtocol.Icmp,
                Source = source,
                Destination = destination,
                Identifier = BinaryPrimitives.ReadUInt16BigEndian(transport[4..]),
                Sequence = BinaryPrimitives.ReadUInt16BigEndian(transport[6..]),
                Payload = transport[8..].ToArray(),
            },
            IcmpTypes.IpProtocolUdp => new QuotedProbe
            {
                Protocol = ProbeProtocol.Udp,
                Source = source,
                Destination = destination,
                SourcePort = BinaryPrimitives.ReadUInt16BigEndian(transport),
                DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(transport[2..]),
                UdpChecksum = BinaryPrimitives.ReadUInt16BigEndian(transport[6..]),
                Payload = transport[8..].ToArray(),
            },
            IcmpTypes.IpProtocolTcp => new QuotedProbe
            {
                Protocol = ProbeProtocol.Tcp,
                Source = source,
                Destination = destination,
                SourcePort = BinaryPrimitives.ReadUInt16BigEndian(transport),
                DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(transport[2..]),
                TcpSequence = BinaryPrimitives.ReadUInt32BigEndian(transport[4..]),
            },
            _ => new QuotedProbe { Protocol = ProbeProtocol.Other, Source = source, Destination = destination },
        };
        return true;
    }

    /// <summary>What an ICMP (or ICMPv6) type and code mean to a tracer; the error queue hands over only these.</summary>
    public static IcmpMessageKind KindOf(byte type, byte code, bool ipv6) => ipv6 ? KindOfV6(type) : KindOfV4(type, code);

    private static IcmpMessageKind KindOfV4(byte type, byte code) => type switch
    {
        IcmpTypes.V4EchoReply => IcmpMessageKind.EchoReply,
        IcmpTypes.V4TimeExceeded => IcmpMessageKind.TimeExceeded,
        IcmpTypes.V4DestinationUnreachable when code == IcmpTypes.V4FragmentationNeeded => IcmpMessageKind.PacketTooBig,
        IcmpTypes.V4DestinationUnreachable => IcmpMessageKind.DestinationUnreachable,
        _ => IcmpMessageKind.Other,
    };

    private static IcmpMessageKind KindOfV6(byte type) => type switch
    {
        IcmpTypes.V6EchoReply => IcmpMessageKind.EchoReply,
        IcmpTypes.V6TimeExceeded => IcmpMessageKind.TimeExceeded,
        IcmpTypes.V6DestinationUnreachable => IcmpMessageKind.DestinationUnreachable,
        IcmpTypes.V6PacketTooBig => IcmpMessageKind.PacketTooBig,
        _ => IcmpMessageKind.Other,
    };
}
