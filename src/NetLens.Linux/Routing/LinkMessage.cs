using System.Buffers.Binary;
using NetLens.Core.Links;
using NetLens.Linux.Netlink;

namespace NetLens.Linux.Routing;

/// <summary>Decodes RTM_NEWLINK: struct ifinfomsg and the IFLA_* attributes (linux/rtnetlink.h, linux/if_link.h).</summary>
internal static class LinkMessage
{
    public static Link? DecodeReply(in NetlinkMessage message) =>
        message.Type == Rtnetlink.RTM_NEWLINK ? Decode(message.Payload) : null;

    public static Link Decode(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < Rtnetlink.IfinfomsgLength)
        {
            throw new InvalidDataException("truncated struct ifinfomsg");
        }

        var index = BinaryPrimitives.ReadInt32LittleEndian(payload[4..]);
        string? name = null;
        string? kind = null;
        Tunnel? tunnel = null;
        uint mtu = 0;
        int? master = null;
        LinkCounters? counters = null;
        var attributes = new NetlinkAttributeReader(payload[Rtnetlink.IfinfomsgLength..]);
        while (attributes.MoveNext())
        {
            switch (attributes.Type)
            {
                case Rtnetlink.IFLA_IFNAME:
                    name = NetlinkAttribute.String(attributes.Value);
                    break;
                case Rtnetlink.IFLA_MTU:
                    mtu = NetlinkAttribute.U32(attributes.Value);
                    break;
                case Rtnetlink.IFLA_MASTER:
                    master = (int)NetlinkAttribute.U32(attributes.Value);
                    break;
                case Rtnetlink.IFLA_LINKINFO:
                    (kind, tunnel) = DecodeLinkInfo(attributes.Value);
                    break;
                case Rtnetlink.IFLA_STATS64 when attributes.Value.Length >= 16:
                    counters = new LinkCounters(BinaryPrimitives.ReadUInt64LittleEndian(attributes.Value), BinaryPrimitives.ReadUInt64LittleEndian(attributes.Value[8..]));
                    break;
                default:
                    break;
            }
        }

        return new Link
        {
            Index = index,
            Name = name ?? $"if{index}",
            Kind = kind,
            Tunnel = tunnel,
            Flags = BinaryPrimitives.ReadUInt32LittleEndian(payload[8..]),
            Mtu = mtu,
            Master = master,
            Counters = counters,
            DeviceType = BinaryPrimitives.ReadUInt16LittleEndian(payload[2..]),
        };
    }

    /// <summary>IFLA_INFO_KIND inside the nested IFLA_LINKINFO, and for a vxlan its IFLA_INFO_DATA.</summary>
    private static (string? Kind, Tunnel? Tunnel) DecodeLinkInfo(ReadOnlySpan<byte> linkInfo)
    {
        string? kind = null;
        var data = ReadOnlySpan<byte>.Empty;
        var nested = new NetlinkAttributeReader(linkInfo);
        while (nested.MoveNext())
        {
            if (nested.Type == Rtnetlink.IFLA_INFO_KIND)
            {
                kind = NetlinkAttribute.String(nested.Value);
            }
            else if (nested.Type == Rtnetlink.IFLA_INFO_DATA)
            {
                data = nested.Value;
            }
        }

        return (kind, kind == "vxlan" ? VxlanInfo.Decode(data) : null);
    }
}
