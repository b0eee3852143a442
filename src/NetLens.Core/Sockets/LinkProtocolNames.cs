namespace NetLens.Core.Sockets;

/// <summary>ss's words for the protocol of packet and netlink sockets, and their numbers when asked for numbers (-n).</summary>
public static class LinkProtocolNames
{
    /// <summary>EtherTypes (linux/if_ether.h ETH_P_*) as ss names them; others print as [number].</summary>
    private static readonly Dictionary<int, string> EtherTypes = new()
    {
        [0x0800] = "ip",
        [0x0806] = "arp",
        [0x8035] = "rarp",
        [0x86DD] = "ipv6",
        [0x8100] = "802.1Q",
        [0x88A8] = "802.1ad",
        [0x8847] = "mpls_uc",
        [0x8848] = "mpls_mc",
        [0x8863] = "ppp_disc",
        [0x8864] = "ppp_ses",
        [0x88CC] = "LLDP",
    };

    /// <summary>Netlink families (linux/netlink.h NETLINK_*) as ss names them; others print as their number.</summary>
    private static readonly string?[] NetlinkFamilies =
    [
        "rtnl", "unused", "usersock", "fw", "tcpdiag", "nflog", "xfrm", "selinux", "iscsi", "audit", "fiblookup",
        "connector", "nft", "ip6fw", "dec-rt", "uevent", "genl", null, "scsi-trans", "ecryptfs", "rdma", "crypto",
    ];

    /// <summary>A packet socket's local "address": * for ETH_P_ALL, the EtherType's name, or [number].</summary>
    public static string EtherType(int protocol, bool numeric) =>
        protocol == 3 ? "*"
        : !numeric && EtherTypes.TryGetValue(protocol, out var name) ? name
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"[{protocol}]");

    public static string Netlink(int family, bool numeric) =>
        !numeric && family >= 0 && family < NetlinkFamilies.Length && NetlinkFamilies[family] is { } name
            ? name
            : family.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
