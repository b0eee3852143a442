namespace NetLens.Linux.Netlink;

/// <summary>Message types, flags and socket options from linux/netlink.h.</summary>
internal static class NetlinkConstants
{
    public const int NETLINK_ROUTE = 0;
    public const int NETLINK_SOCK_DIAG = 4;
    public const int SOL_NETLINK = 270;
    public const int NETLINK_EXT_ACK = 11;

    public const int HeaderLength = 16;

    public const ushort NLMSG_NOOP = 1;
    public const ushort NLMSG_ERROR = 2;
    public const ushort NLMSG_DONE = 3;
    public const ushort NLMSG_OVERRUN = 4;

    public const ushort NLM_F_REQUEST = 0x1;
    public const ushort NLM_F_MULTI = 0x2;
    public const ushort NLM_F_ACK = 0x4;
    public const ushort NLM_F_DUMP_INTR = 0x10;
    public const ushort NLM_F_ROOT = 0x100;
    public const ushort NLM_F_MATCH = 0x200;
    public const ushort NLM_F_DUMP = NLM_F_ROOT | NLM_F_MATCH;

    /// <summary>On NLMSG_ERROR: only the request's header is echoed back.</summary>
    public const ushort NLM_F_CAPPED = 0x100;

    /// <summary>On NLMSG_ERROR and NLMSG_DONE: extended ack attributes follow.</summary>
    public const ushort NLM_F_ACK_TLVS = 0x200;

    public const ushort NLMSGERR_ATTR_MSG = 1;

    public const ushort NLA_F_NESTED = 0x8000;
    public const ushort NLA_F_NET_BYTEORDER = 0x4000;
    public const ushort NLA_TYPE_MASK = 0x3FFF;

    /// <summary>NLMSG_ALIGN / NLA_ALIGN / RTNH_ALIGN: everything is 4-byte aligned.</summary>
    public static int Align(int length) => (length + 3) & ~3;
}
