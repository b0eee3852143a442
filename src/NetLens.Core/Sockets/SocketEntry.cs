using System.Net;
using System.Net.Sockets;

namespace NetLens.Core.Sockets;

/// <summary>One socket as the kernel reported it (sock_diag), before any owner or name was looked up.</summary>
public sealed class SocketEntry
{
    public required SocketKind Kind { get; init; }

    public AddressFamily Family { get; init; }

    public required SocketState State { get; init; }

    /// <summary>Bytes not yet read; for a listener the accept queue length.</summary>
    public uint RecvQ { get; init; }

    /// <summary>Bytes not yet acknowledged; for a listener the backlog.</summary>
    public uint SendQ { get; init; }

    public IPAddress LocalAddress { get; init; } = IPAddress.Any;

    public int LocalPort { get; init; }

    public IPAddress PeerAddress { get; init; } = IPAddress.Any;

    public int PeerPort { get; init; }

    /// <summary>The device a socket is bound to (SO_BINDTODEVICE), 0 for none.</summary>
    public int InterfaceIndex { get; init; }

    /// <summary>0 for sockets no process holds (TIME-WAIT, SYN-RECV, orphans).</summary>
    public uint Inode { get; init; }

    public uint Uid { get; init; }

    public ulong Cookie { get; init; }

    /// <summary>Kernel timer: 0 none, 1 retransmit, 2 keepalive, 3 TIME-WAIT, 4 zero window probe.</summary>
    public byte Timer { get; init; }

    public uint TimerExpiresMs { get; init; }

    public byte TimerRetransmits { get; init; }

    /// <summary>A unix socket's path (@ for abstract names), null when unnamed.</summary>
    public string? UnixPath { get; init; }

    /// <summary>The inode of a connected unix socket's peer, 0 when none.</summary>
    public uint UnixPeerInode { get; init; }

    /// <summary>Packet sockets: the EtherType they receive (3 for all); netlink sockets: the netlink family (0 rtnetlink…).</summary>
    public int Protocol { get; init; }

    /// <summary>A netlink socket's port id: 0 for the kernel's, the pid for a process's first socket, else a number the kernel chose.</summary>
    public int NetlinkPortId { get; init; }

    /// <summary>A netlink socket connect()ed to a peer: its port id and multicast group.</summary>
    public NetlinkPeer? NetlinkPeer { get; init; }

    public TcpInfo? TcpInfo { get; init; }

    public string? Congestion { get; init; }

    public SocketMemory? Memory { get; init; }

    /// <summary>
    /// IPV6_V6ONLY of an IPv6 socket as the kernel reports it; null when it did not say (it says only for listening and
    /// closed sockets, so ss shows "v6only:" only for those).
    /// </summary>
    public bool? V6Only { get; init; }

    /// <summary>An IPv6 socket that takes IPv4 too (IPV6_V6ONLY off): ss writes its unspecified address as "*", not "[::]".</summary>
    public bool DualStack => V6Only == false;

    /// <summary>sk_shutdown (INET_DIAG_SHUTDOWN): bit 1 no more receiving, bit 2 no more sending; null when the kernel did not say.</summary>
    public byte? Shutdown { get; init; }

    /// <summary>
    /// Orphans: closed by every process, still finishing their shutdown. Not TIME-WAIT (its timer is 3 even in
    /// the FIN-WAIT-2 substate), and not unaccepted connections, which have no inode either but cannot have closed.
    /// </summary>
    public bool IsOrphan =>
        Kind == SocketKind.Tcp && Inode == 0 && Timer != 3
        && State is SocketState.FinWait1 or SocketState.FinWait2 or SocketState.Closing or SocketState.LastAck;
}

public sealed record NetlinkPeer(int PortId, uint Group);

/// <summary>Socket memory as skmeminfo reports it (SK_MEMINFO_*), what ss -m prints.</summary>
public sealed record SocketMemory(uint RmemAlloc, uint RcvBuf, uint WmemAlloc, uint SndBuf, uint FwdAlloc, uint WmemQueued, uint OptMem, uint Backlog, uint Drops);
