using NetLens.Core.Probing;

namespace NetLens.Cli.Output.Json;

/// <summary>
/// The one spelling of each mechanism in JSON (the "mechanism" fields of trace, scan, port test and route get): how
/// the probes were sent and the answers read. Text output keeps each tool's own words (nmap's "syn", ss's, mtr's).
/// </summary>
public static class MechanismWords
{
    /// <summary>Raw sockets (CAP_NET_RAW): packets built by netlens (ICMP echo, TCP SYN, ARP/ND discovery).</summary>
    public const string RawSocket = "raw_socket";

    /// <summary>ICMP datagram sockets, as net.ipv4.ping_group_range allows.</summary>
    public const string IcmpDatagram = "icmp_datagram";

    /// <summary>Plain UDP sockets, ICMP errors read from the socket's error queue (IP_RECVERR).</summary>
    public const string UdpErrorQueue = "udp_error_queue";

    /// <summary>One nonblocking TCP connect() per probe.</summary>
    public const string TcpConnect = "tcp_connect";

    /// <summary>The kernel asked over rtnetlink (route get).</summary>
    public const string Netlink = "netlink";

    /// <summary>Answered in-process from a saved snapshot (route get --snapshot).</summary>
    public const string Snapshot = "snapshot";

    /// <summary>Every word, in the order the schemas list them.</summary>
    public static IReadOnlyList<string> All { get; } = [RawSocket, IcmpDatagram, UdpErrorQueue, TcpConnect, Netlink, Snapshot];

    public static string Of(ProbeMechanism mechanism) => mechanism switch
    {
        ProbeMechanism.RawSocket => RawSocket,
        ProbeMechanism.IcmpDatagram => IcmpDatagram,
        ProbeMechanism.UdpErrorQueue => UdpErrorQueue,
        ProbeMechanism.TcpConnect => TcpConnect,
        _ => throw new ArgumentOutOfRangeException(nameof(mechanism), mechanism, "no JSON word for this mechanism"),
    };

    /// <summary>
    /// A scan's or port test's own word (scan: connect, syn, raw, udp; port test: connect, udp-errqueue) as the
    /// mechanism's one spelling.
    /// </summary>
    public static string Of(string toolWord) => toolWord switch
    {
        "connect" => TcpConnect,
        "syn" or "raw" => RawSocket,
        "udp" or "udp-errqueue" => UdpErrorQueue,
        _ => throw new ArgumentOutOfRangeException(nameof(toolWord), toolWord, "no JSON word for this mechanism"),
    };
}
