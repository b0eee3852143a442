using System.Net;
using NetLens.Core;
using NetLens.Core.Probing;
using NetLens.Core.Trace;

namespace NetLens.Linux.Probes;

/// <summary>What a trace probes with: protocol, destination port (UDP/TCP), how many flows, where (a namespace).</summary>
/// <summary>A null <paramref name="Protocol"/> is the default: ICMP echo with a raw socket (as mtr as root), else UDP.</summary>
public sealed record TraceProbeRequest(IPAddress Target, ProbeProtocol? Protocol, ushort Port, int Flows = 1, string? Netns = null)
{
    /// <summary>Whole IP packet size of ICMP and UDP probes (mtr -s); null: the smallest probe.</summary>
    public int? PacketSize { get; init; }
}

/// <summary>
/// Picks the mechanism for a protocol from what this process may open (probed once per trace): raw sockets with
/// CAP_NET_RAW for ICMP and TCP; without it ICMP datagram sockets where ping_group_range allows, TCP connect() with
/// the error queue. UDP always uses its own socket's error queue: it needs nothing and a raw socket would read the
/// same quotes.
/// </summary>
public static class TraceProbers
{
    public static ITraceProber Open(TraceProbeRequest request)
    {
        var capabilities = ProbeCapabilities.Detect(request.Target.AddressFamily, request.Netns);

        // mtr's default as root is ICMP echo, which firewalls let through more often than UDP to a high port.
        var protocol = request.Protocol ?? (capabilities.RawSocket ? ProbeProtocol.Icmp : ProbeProtocol.Udp);
        if (request.PacketSize is not null && protocol == ProbeProtocol.Tcp)
        {
            throw new UsageException("--psize sets the size of ICMP and UDP probes; TCP probes are bare SYNs");
        }

        var ipv6 = request.Target.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        if (request.PacketSize is { } size && size < ProbeSize.Smallest(ipv6))
        {
            throw new UsageException($"--psize {size} is smaller than the smallest {(ipv6 ? "IPv6" : "IPv4")} probe ({ProbeSize.Smallest(ipv6)} bytes with its headers)");
        }

        return protocol switch
        {
            ProbeProtocol.Icmp when capabilities.RawSocket => RawIcmpProber.Open(request.Target, request.Netns, request.Flows, request.PacketSize),
            ProbeProtocol.Icmp when capabilities.IcmpDatagram => IcmpDatagramProber.Open(request.Target, request.Netns, request.Flows, request.PacketSize),
            ProbeProtocol.Icmp => throw new MissingPrivilegeException(
                "ICMP probes need a raw socket (CAP_NET_RAW) or an ICMP datagram socket, which net.ipv4.ping_group_range does not grant this user",
                "sudo sysctl -w net.ipv4.ping_group_range='0 2147483647', or sudo setcap cap_net_raw+ep on netlens, or trace with --udp or --tcp, which need no privilege"),
            ProbeProtocol.Tcp when capabilities.RawSocket => RawTcpProber.Open(request.Target, request.Port, request.Netns, request.Flows),
            ProbeProtocol.Tcp => TcpConnectProber.Open(request.Target, request.Port, request.Netns, request.Flows),
            ProbeProtocol.Udp => UdpErrorQueueProber.Open(request.Target, request.Port, request.Netns, request.Flows, request.PacketSize),
            _ => throw new ArgumentOutOfRangeException(nameof(request), protocol, "trace probes are ICMP, UDP or TCP"),
        };
    }
}
