namespace NetLens.Core.Sockets;

/// <summary>What ss calls the Netid: the protocol, and for unix sockets the type.</summary>
public enum SocketKind
{
    Tcp,
    Udp,
    Raw,
    UnixStream,
    UnixDatagram,
    UnixSeqPacket,

    /// <summary>AF_PACKET SOCK_RAW: whole link-layer frames.</summary>
    PacketRaw,

    /// <summary>AF_PACKET SOCK_DGRAM: frames without their link-layer header.</summary>
    PacketDatagram,

    Netlink,
}

/// <summary>ss's words for kinds and states, so ss users read the listing at once.</summary>
public static class SocketWords
{
    public static string Netid(SocketKind kind) => kind switch
    {
        SocketKind.Tcp => "tcp",
        SocketKind.Udp => "udp",
        SocketKind.Raw => "raw",
        SocketKind.UnixStream => "u_str",
        SocketKind.UnixDatagram => "u_dgr",
        SocketKind.UnixSeqPacket => "u_seq",
        SocketKind.PacketRaw => "p_raw",
        SocketKind.PacketDatagram => "p_dgr",
        _ => "nl",
    };

    public static bool IsUnix(SocketKind kind) => kind is SocketKind.UnixStream or SocketKind.UnixDatagram or SocketKind.UnixSeqPacket;

    public static bool IsPacket(SocketKind kind) => kind is SocketKind.PacketRaw or SocketKind.PacketDatagram;

    /// <summary>TCP, UDP and raw IP sockets: the ones with addresses and ports.</summary>
    public static bool IsInet(SocketKind kind) => kind is SocketKind.Tcp or SocketKind.Udp or SocketKind.Raw;

    /// <summary>ss's state column: CLOSE is UNCONN for every kind, as ss prints it.</summary>
    public static string State(SocketState state) => state switch
    {
        SocketState.Established => "ESTAB",
        SocketState.SynSent => "SYN-SENT",
        SocketState.SynRecv or SocketState.NewSynRecv => "SYN-RECV",
        SocketState.FinWait1 => "FIN-WAIT-1",
        SocketState.FinWait2 => "FIN-WAIT-2",
        SocketState.TimeWait => "TIME-WAIT",
        SocketState.Close or SocketState.BoundInactive => "UNCONN",
        SocketState.CloseWait => "CLOSE-WAIT",
        SocketState.LastAck => "LAST-ACK",
        SocketState.Listen => "LISTEN",
        SocketState.Closing => "CLOSING",
        _ => "UNKNOWN",
    };

    /// <summary>ss -o's words for the kernel's timer kinds (idiag_timer): on is the retransmit timer, persist the zero-window probe.</summary>
    public static string Timer(byte timer) => timer switch
    {
        0 => "off",
        1 => "on",
        2 => "keepalive",
        3 => "timewait",
        4 => "persist",
        _ => "unknown",
    };

    /// <summary>The names ss's filter takes after "state"/"exclude" (ss(8), STATE-FILTER).</summary>
    public static SocketStateSet? ParseStateName(string word) => word.ToLowerInvariant() switch
    {
        "established" or "estab" => SocketStateSet.Of(SocketState.Established),
        "syn-sent" => SocketStateSet.Of(SocketState.SynSent),
        "syn-recv" or "syn-received" => SocketStateSet.Of(SocketState.SynRecv),
        "fin-wait-1" => SocketStateSet.Of(SocketState.FinWait1),
        "fin-wait-2" => SocketStateSet.Of(SocketState.FinWait2),
        "time-wait" => SocketStateSet.Of(SocketState.TimeWait),
        "closed" or "unconnected" => SocketStateSet.Of(SocketState.Close),
        "close-wait" => SocketStateSet.Of(SocketState.CloseWait),
        "last-ack" => SocketStateSet.Of(SocketState.LastAck),
        "listening" or "listen" => SocketStateSet.Of(SocketState.Listen),
        "closing" => SocketStateSet.Of(SocketState.Closing),
        "all" => SocketStateSet.All,
        "connected" => SocketStateSet.All.Without(SocketState.Listen, SocketState.Close),
        "synchronized" => SocketStateSet.All.Without(SocketState.Listen, SocketState.Close, SocketState.SynSent),
        "bucket" => SocketStateSet.Of(SocketState.SynRecv, SocketState.TimeWait),
        "big" => SocketStateSet.All.Without(SocketState.SynRecv, SocketState.TimeWait),
        _ => null,
    };
}
