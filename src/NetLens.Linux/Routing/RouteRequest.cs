using System.Buffers.Binary;
using System.Net;
using NetLens.Core.Routing;
using NetLens.Linux.Netlink;

namespace NetLens.Linux.Routing;

/// <summary>Encodes RTM_GETROUTE lookups byte for byte as `ip route get` (iproute2 6.1) sends them: struct rtmsg, then RTA_* attributes.</summary>
internal static class RouteRequest
{
    /// <summary>Enough for the largest lookup: header, rtmsg and every selector with IPv6 addresses.</summary>
    public const int MaxLookupLength = 160;

    /// <summary>The interface names of the request must already be resolved to RTA_IIF / RTA_OIF indexes.</summary>
    public static ReadOnlySpan<byte> EncodeLookup(
        Span<byte> buffer, uint sequence, RouteLookupRequest request, int? inputInterface, int? outputInterface)
    {
        var family = RtnetlinkFamily.FromAddressFamily(request.Destination.AddressFamily);
        var hostLength = (byte)(family == Rtnetlink.AF_INET6 ? 128 : 32);
        if (request.From is not null && request.From.AddressFamily != request.Destination.AddressFamily)
        {
            throw new ArgumentException("the source address must be of the destination's family", nameof(request));
        }

        var writer = new NetlinkMessageWriter(buffer, Rtnetlink.RTM_GETROUTE, NetlinkConstants.NLM_F_REQUEST, sequence);
        var rtmsg = writer.Reserve(Rtnetlink.RtmsgLength);
        rtmsg[0] = family;
        rtmsg[1] = hostLength;
        rtmsg[2] = request.From is null ? (byte)0 : hostLength;
        rtmsg[3] = request.Tos ?? 0;

        // ip asks IPv4 for the table of the answer; its IPv6 request leaves the flag out
        var flags = family == Rtnetlink.AF_INET ? Rtnetlink.RTM_F_LOOKUP_TABLE : 0;
        if (request.FibMatch)
        {
            flags |= Rtnetlink.RTM_F_FIB_MATCH;
        }

        BinaryPrimitives.WriteUInt32LittleEndian(rtmsg[8..], flags);

        AddAddress(ref writer, Rtnetlink.RTA_DST, request.Destination);
        if (request.From is not null)
        {
            AddAddress(ref writer, Rtnetlink.RTA_SRC, request.From);
        }

        if (request.Uid is { } uid)
        {
            writer.AddU32(Rtnetlink.RTA_UID, uid);
        }

        if (request.IpProtocol is { } protocol)
        {
            writer.AddU8(Rtnetlink.RTA_IP_PROTO, protocol);
        }

        if (request.SourcePort is { } sourcePort)
        {
            writer.AddBigEndianU16(Rtnetlink.RTA_SPORT, sourcePort);
        }

        if (request.DestinationPort is { } destinationPort)
        {
            writer.AddBigEndianU16(Rtnetlink.RTA_DPORT, destinationPort);
        }

        if (inputInterface is { } iif)
        {
            writer.AddU32(Rtnetlink.RTA_IIF, (uint)iif);
        }

        if (outputInterface is { } oif)
        {
            writer.AddU32(Rtnetlink.RTA_OIF, (uint)oif);
        }

        if (request.Mark is { } mark)
        {
            writer.AddU32(Rtnetlink.RTA_MARK, mark);
        }

        return writer.Finish();
    }

    private static void AddAddress(ref NetlinkMessageWriter writer, ushort type, IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        writer.AddBytes(type, bytes[..written]);
    }
}
