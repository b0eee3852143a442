namespace NetLens.Linux.SockDiag;

/// <summary>Constants of linux/sock_diag.h, inet_diag.h and unix_diag.h.</summary>
internal static class SockDiagConstants
{
    public const ushort SOCK_DIAG_BY_FAMILY = 20;

    /// <summary>Close one socket (CONFIG_INET_DIAG_DESTROY; CAP_NET_ADMIN), as ss -K asks.</summary>
    public const ushort SOCK_DESTROY = 21;

    // enum sknetlink_groups: the kernel multicasts each destroyed socket of these as an inet_diag_msg
    public const int SKNLGRP_INET_TCP_DESTROY = 1;
    public const int SKNLGRP_INET_UDP_DESTROY = 2;
    public const int SKNLGRP_INET6_TCP_DESTROY = 3;
    public const int SKNLGRP_INET6_UDP_DESTROY = 4;

    /// <summary>The older TCP-only request (linux/inet_diag.h): struct inet_diag_req, every family in one dump.</summary>
    public const ushort TCPDIAG_GETSOCK = 18;

    public const byte AF_UNIX = 1;
    public const byte AF_INET = 2;
    public const byte AF_INET6 = 10;
    public const byte AF_NETLINK = 16;
    public const byte AF_PACKET = 17;

    public const byte IPPROTO_TCP = 6;
    public const byte IPPROTO_UDP = 17;
    public const byte IPPROTO_RAW = 255;

    /// <summary>struct inet_diag_req_v2: family, protocol, ext, pad, states, then struct inet_diag_sockid.</summary>
    public const int InetRequestLength = 56;

    /// <summary>struct inet_diag_req: family, src_len, dst_len, ext, sockid (48), states, dbs.</summary>
    public const int InetRequestV1Length = 60;

    /// <summary>struct inet_diag_msg: family, state, timer, retrans, sockid (48), expires, rqueue, wqueue, uid, inode.</summary>
    public const int InetMessageLength = 72;

    /// <summary>struct unix_diag_req.</summary>
    public const int UnixRequestLength = 24;

    /// <summary>struct unix_diag_msg.</summary>
    public const int UnixMessageLength = 16;

    public const ushort INET_DIAG_MEMINFO = 1;
    public const ushort INET_DIAG_INFO = 2;
    public const ushort INET_DIAG_VEGASINFO = 3;
    public const ushort INET_DIAG_CONG = 4;
    public const ushort INET_DIAG_SKMEMINFO = 7;
    public const ushort INET_DIAG_SHUTDOWN = 8;
    public const ushort INET_DIAG_PROTOCOL = 10;
    public const ushort INET_DIAG_SKV6ONLY = 11;

    /// <summary>A request's filter program (struct inet_diag_bc_op…).</summary>
    public const ushort INET_DIAG_REQ_BYTECODE = 1;

    /// <summary>Raw sockets: which protocol number to dump (all of them with IPPROTO_RAW plus this attribute).</summary>
    public const ushort INET_DIAG_REQ_PROTOCOL = 2;

    public const uint UDIAG_SHOW_NAME = 0x01;
    public const uint UDIAG_SHOW_PEER = 0x04;
    public const uint UDIAG_SHOW_RQLEN = 0x10;
    public const uint UDIAG_SHOW_MEMINFO = 0x20;
    public const uint UDIAG_SHOW_UID = 0x40;

    public const ushort UNIX_DIAG_NAME = 0;
    public const ushort UNIX_DIAG_PEER = 2;
    public const ushort UNIX_DIAG_RQLEN = 4;
    public const ushort UNIX_DIAG_MEMINFO = 5;
    public const ushort UNIX_DIAG_UID = 7;

    /// <summary>struct packet_diag_req and netlink_diag_req: family, protocol, pad, ino, show, cookie.</summary>
    public const int PacketOrNetlinkRequestLength = 20;

    /// <summary>struct packet_diag_msg: family, type, num, ino, cookie.</summary>
    public const int PacketMessageLength = 16;

    /// <summary>struct netlink_diag_msg: family, type, protocol, state, portid, dst_portid, dst_group, ino, cookie.</summary>
    public const int NetlinkMessageLength = 28;

    public const uint PACKET_SHOW_INFO = 0x01;
    public const uint PACKET_SHOW_MEMINFO = 0x10;
    public const ushort PACKET_DIAG_INFO = 0;
    public const ushort PACKET_DIAG_UID = 5;
    public const ushort PACKET_DIAG_MEMINFO = 6;

    public const byte NDIAG_PROTO_ALL = 255;
    public const uint NDIAG_SHOW_MEMINFO = 0x01;
    public const ushort NETLINK_DIAG_MEMINFO = 0;
    public const byte NETLINK_CONNECTED = 1;

    public const byte SOCK_RAW = 3;

    public const byte SOCK_STREAM = 1;
    public const byte SOCK_DGRAM = 2;
    public const byte SOCK_SEQPACKET = 5;

    /// <summary>idiag_ext bit for an INET_DIAG_* attribute.</summary>
    public static byte Extension(ushort attribute) => (byte)(1 << (attribute - 1));
}
