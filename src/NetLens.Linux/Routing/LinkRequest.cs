using System.Buffers.Binary;
using NetLens.Linux.Netlink;

namespace NetLens.Linux.Routing;

/// <summary>Encodes RTM_GETLINK for one link, by ifi_index or by IFLA_IFNAME (linux/rtnetlink.h).</summary>
internal static class LinkRequest
{
    /// <summary>IFNAMSIZ less the NUL: the kernel refuses longer names.</summary>
    public const int MaxNameLength = 15;

    public const int MaxLength = 64;

    public static ReadOnlySpan<byte> ByIndex(Span<byte> buffer, int index)
    {
        var writer = new NetlinkMessageWriter(buffer, Rtnetlink.RTM_GETLINK, NetlinkConstants.NLM_F_REQUEST, 0);
        BinaryPrimitives.WriteInt32LittleEndian(writer.Reserve(Rtnetlink.IfinfomsgLength)[4..], index);
        writer.AddU32(Rtnetlink.IFLA_EXT_MASK, Rtnetlink.RTEXT_FILTER_SKIP_STATS);
        return writer.Finish();
    }

    public static ReadOnlySpan<byte> ByName(Span<byte> buffer, string name)
    {
        var writer = new NetlinkMessageWriter(buffer, Rtnetlink.RTM_GETLINK, NetlinkConstants.NLM_F_REQUEST, 0);
        writer.Reserve(Rtnetlink.IfinfomsgLength);
        writer.AddU32(Rtnetlink.IFLA_EXT_MASK, Rtnetlink.RTEXT_FILTER_SKIP_STATS);
        writer.AddString(Rtnetlink.IFLA_IFNAME, name);
        return writer.Finish();
    }
}
