using NetLens.Linux.Netlink;

namespace NetLens.Linux.Routing;

/// <summary>Encodes the NLM_F_DUMP requests: a zeroed family header with only the family set (linux/rtnetlink.h).</summary>
internal static class DumpRequest
{
    public const int MaxLength = 64;

    /// <summary>RTM_GETROUTE or RTM_GETRULE: struct rtmsg / fib_rule_hdr share the 12-byte layout with the family first.</summary>
    public static ReadOnlySpan<byte> Routes(Span<byte> buffer, ushort type, byte family)
    {
        var writer = new NetlinkMessageWriter(buffer, type, NetlinkConstants.NLM_F_REQUEST | NetlinkConstants.NLM_F_DUMP, 0);
        writer.Reserve(Rtnetlink.RtmsgLength)[0] = family;
        return writer.Finish();
    }

    /// <summary>RTM_GETADDR: struct ifaddrmsg with the family.</summary>
    public static ReadOnlySpan<byte> Addresses(Span<byte> buffer, byte family)
    {
        var writer = new NetlinkMessageWriter(buffer, Rtnetlink.RTM_GETADDR, NetlinkConstants.NLM_F_REQUEST | NetlinkConstants.NLM_F_DUMP, 0);
        writer.Reserve(Rtnetlink.IfaddrmsgLength)[0] = family;
        return writer.Finish();
    }

    /// <summary>RTM_GETNEIGH: struct ndmsg with the family.</summary>
    public static ReadOnlySpan<byte> Neighbours(Span<byte> buffer, byte family)
    {
        var writer = new NetlinkMessageWriter(buffer, Rtnetlink.RTM_GETNEIGH, NetlinkConstants.NLM_F_REQUEST | NetlinkConstants.NLM_F_DUMP, 0);
        writer.Reserve(Rtnetlink.NdmsgLength)[0] = family;
        return writer.Finish();
    }

    /// <summary>RTM_GETLINK for every link, without the statistics blocks nobody here reads.</summary>
    public static ReadOnlySpan<byte> Links(Span<byte> buffer)
    {
        var writer = new NetlinkMessageWriter(buffer, Rtnetlink.RTM_GETLINK, NetlinkConstants.NLM_F_REQUEST | NetlinkConstants.NLM_F_DUMP, 0);
        writer.Reserve(Rtnetlink.IfinfomsgLength);
        writer.AddU32(Rtnetlink.IFLA_EXT_MASK, Rtnetlink.RTEXT_FILTER_SKIP_STATS);
        return writer.Finish();
    }
}
