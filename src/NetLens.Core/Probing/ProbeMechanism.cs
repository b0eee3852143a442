namespace NetLens.Core.Probing;

/// <summary>How probes are sent and their replies read, from most to least privilege needed.</summary>
public enum ProbeMechanism
{
    /// <summary>Raw sockets (CAP_NET_RAW): ICMP echo or TCP SYN built by us, every reply seen with its quoted probe.</summary>
    RawSocket,

    /// <summary>ICMP datagram socket (SOCK_DGRAM, IPPROTO_ICMP), allowed by net.ipv4.ping_group_range.</summary>
    IcmpDatagram,

    /// <summary>Plain UDP socket; ICMP errors come from its error queue (IP_RECVERR): no privilege at all.</summary>
    UdpErrorQueue,

    /// <summary>Nonblocking TCP connect() per probe; routers' ICMP from the socket's error queue, the destination's SYN-ACK or RST as the connect's end.</summary>
    TcpConnect,
}
