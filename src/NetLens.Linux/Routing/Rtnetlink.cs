namespace NetLens.Linux.Routing;

/// <summary>Message types and attribute ids from linux/rtnetlink.h, linux/if_link.h, linux/if_addr.h and linux/fib_rules.h.</summary>
internal static class Rtnetlink
{
    public const ushort RTM_NEWLINK = 16;
    public const ushort RTM_GETLINK = 18;
    public const ushort RTM_NEWADDR = 20;
    public const ushort RTM_GETADDR = 22;
    public const ushort RTM_NEWNEIGH = 28;
    public const ushort RTM_GETNEIGH = 30;
    public const ushort RTM_NEWROUTE = 24;
    public const ushort RTM_GETROUTE = 26;
    public const ushort RTM_NEWRULE = 32;
    public const ushort RTM_GETRULE = 34;

    public const byte AF_UNSPEC = 0;
    public const byte AF_INET = 2;
    public const byte AF_INET6 = 10;

    /// <summary>struct rtmsg, struct ifinfomsg, struct ifaddrmsg, struct fib_rule_hdr sizes.</summary>
    public const int RtmsgLength = 12;
    public const int IfinfomsgLength = 16;
    public const int IfaddrmsgLength = 8;

    /// <summary>struct ndmsg: family, two pad fields, ifindex, state, flags, type (linux/neighbour.h).</summary>
    public const int NdmsgLength = 12;

    public const ushort NDA_DST = 1;
    public const ushort NDA_LLADDR = 2;
    public const ushort NDA_CACHEINFO = 3;
    public const int FibRuleHeaderLength = 12;

    public const uint RTM_F_CLONED = 0x200;
    public const uint RTM_F_LOOKUP_TABLE = 0x1000;
    public const uint RTM_F_FIB_MATCH = 0x2000;

    public const ushort RTA_DST = 1;
    public const ushort RTA_SRC = 2;
    public const ushort RTA_IIF = 3;
    public const ushort RTA_OIF = 4;
    public const ushort RTA_GATEWAY = 5;
    public const ushort RTA_PRIORITY = 6;
    public const ushort RTA_PREFSRC = 7;
    public const ushort RTA_METRICS = 8;
    public const ushort RTA_MULTIPATH = 9;
    public const ushort RTA_FLOW = 11;
    public const ushort RTA_CACHEINFO = 12;
    public const ushort RTA_TABLE = 15;
    public const ushort RTA_MARK = 16;
    public const ushort RTA_VIA = 18;
    public const ushort RTA_PREF = 20;
    public const ushort RTA_ENCAP_TYPE = 21;
    public const ushort RTA_EXPIRES = 23;
    public const ushort RTA_UID = 25;
    public const ushort RTA_IP_PROTO = 27;
    public const ushort RTA_SPORT = 28;
    public const ushort RTA_DPORT = 29;
    public const ushort RTA_NH_ID = 30;

    public const ushort RTAX_LOCK = 1;
    public const ushort RTAX_CC_ALGO = 16;

    public const ushort IFLA_IFNAME = 3;
    public const ushort IFLA_MTU = 4;
    public const ushort IFLA_MASTER = 10;
    public const ushort IFLA_LINKINFO = 18;
    public const ushort IFLA_STATS64 = 23;
    public const ushort IFLA_EXT_MASK = 29;
    public const ushort IFLA_INFO_KIND = 1;
    public const ushort IFLA_INFO_DATA = 2;

    // linux/if_link.h, enum IFLA_VXLAN_*
    public const ushort IFLA_VXLAN_ID = 1;
    public const ushort IFLA_VXLAN_GROUP = 2;
    public const ushort IFLA_VXLAN_LOCAL = 4;
    public const ushort IFLA_VXLAN_PORT = 15;
    public const ushort IFLA_VXLAN_GROUP6 = 16;
    public const ushort IFLA_VXLAN_LOCAL6 = 17;
    public const uint RTEXT_FILTER_SKIP_STATS = 8;

    public const ushort IFA_ADDRESS = 1;
    public const ushort IFA_LOCAL = 2;
    public const ushort IFA_LABEL = 3;
    public const ushort IFA_FLAGS = 8;

    public const ushort FRA_DST = 1;
    public const ushort FRA_SRC = 2;
    public const ushort FRA_IIFNAME = 3;
    public const ushort FRA_GOTO = 4;
    public const ushort FRA_PRIORITY = 6;
    public const ushort FRA_FWMARK = 10;
    public const ushort FRA_FLOW = 11;
    public const ushort FRA_SUPPRESS_IFGROUP = 13;
    public const ushort FRA_SUPPRESS_PREFIXLEN = 14;
    public const ushort FRA_TABLE = 15;
    public const ushort FRA_FWMASK = 16;
    public const ushort FRA_OIFNAME = 17;
    public const ushort FRA_L3MDEV = 19;
    public const ushort FRA_UID_RANGE = 20;
    public const ushort FRA_PROTOCOL = 21;
    public const ushort FRA_IP_PROTO = 22;
    public const ushort FRA_SPORT_RANGE = 23;
    public const ushort FRA_DPORT_RANGE = 24;
    public const uint FIB_RULE_INVERT = 0x2;

    /// <summary>USER_HZ: the unit of rta_cacheinfo.rta_expires (clock_t).</summary>
    public const int UserHz = 100;
}

/// <summary>AF_* bytes of the rtnetlink headers and .NET's AddressFamily.</summary>
internal static class RtnetlinkFamily
{
    public static System.Net.Sockets.AddressFamily ToAddressFamily(byte family) => family switch
    {
        Rtnetlink.AF_INET => System.Net.Sockets.AddressFamily.InterNetwork,
        Rtnetlink.AF_INET6 => System.Net.Sockets.AddressFamily.InterNetworkV6,
        Rtnetlink.AF_UNSPEC => System.Net.Sockets.AddressFamily.Unspecified,
        _ => System.Net.Sockets.AddressFamily.Unknown,
    };

    public static byte FromAddressFamily(System.Net.Sockets.AddressFamily family) => family switch
    {
        System.Net.Sockets.AddressFamily.InterNetwork => Rtnetlink.AF_INET,
        System.Net.Sockets.AddressFamily.InterNetworkV6 => Rtnetlink.AF_INET6,
        _ => throw new ArgumentException($"only IPv4 and IPv6 are routed here, not {family}", nameof(family)),
    };

    /// <summary>The all-zero address of a family, for a route without RTA_DST.</summary>
    public static System.Net.IPAddress Any(byte family) =>
        family == Rtnetlink.AF_INET6 ? System.Net.IPAddress.IPv6Any : System.Net.IPAddress.Any;
}
