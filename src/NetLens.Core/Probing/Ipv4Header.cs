using System.Net;

namespace NetLens.Core.Probing;

/// <summary>The fields of a received IPv4 header (RFC 791 §3.1) that probes need: who sent it, with what TTL left, carrying what.</summary>
public readonly record struct Ipv4Header(IPAddress Source, byte Ttl, byte Protocol, int Length)
{
    /// <summary>Reads the header a raw IPv4 socket hands over before the payload; false when it is not a whole IPv4 header.</summary>
    public static bool TryRead(ReadOnlySpan<byte> packet, out Ipv4Header header)
    {
        header = default;
        if (packet.Length < 20 || packet[0] >> 4 != 4)
        {
            return false;
        }

        var length = (packet[0] & 0x0F) * 4;
        if (length < 20 || length > packet.Length)
        {
            return false;
        }

        header = new Ipv4Header(new IPAddress(packet.Slice(12, 4)), packet[8], packet[9], length);
        return true;
    }
}
