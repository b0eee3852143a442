using System.Net;

namespace NetLens.Core.Probing;

/// <summary>Reads the IPv4 header a raw IPv4 socket hands over in front of every packet (RFC 791).</summary>
public static class IpPacket
{
    private const int Ipv4MinimumHeader = 20;

    /// <summary>Sender, protocol and the transport bytes after the header (options skipped by IHL).</summary>
    public static bool TryReadIpv4(ReadOnlySpan<byte> packet, out IPAddress source, out byte protocol, out int transportOffset)
    {
        source = IPAddress.None;
        protocol = 0;
        transportOffset = 0;
        if (packet.Length < Ipv4MinimumHeader || packet[0] >> 4 != 4)
        {
            return false;
        }

        var headerLength = (packet[0] & 0x0F) * 4;
        if (headerLength < Ipv4MinimumHeader || packet.Length < headerLength)
        {
            return false;
        }

        source = new IPAddress(packet.Slice(12, 4));
        protocol = packet[9];
        transportOffset = headerLength;
        return true;
    }
}
