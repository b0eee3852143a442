using System.Net;
using NetLens.Core;
using NetLens.Core.Probing;
using NetLens.Core.Trace;

namespace NetLens.Linux.Probes;

/// <summary>What a trace probes with: protocol, destination port (UDP/TCP), how many flows, where (a namespace).</summary>
public sealed record TraceProbeRequest(IPAddress Target, ProbeProtocol Protocol, ushort Port, int Flows = 1, string? Netns = null);

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
        return request.Protocol switch
        {
            ProbeProtocol.Icmp when capabilities.RawSocket => RawIcmpProber.Open(request.Target, request.Netns, request.Flows),
            ProbeProtocol.Icmp when capabilities.IcmpDatagram => IcmpDatagramProber.Open(request.Target, request.Netns, request.Flows),
            ProbeProtocol.Icmp => throw new MissingPrivilegeException(
                "ICMP probes need a raw socket (CAP_NET_RAW) or an ICMP datagram socket, which net.ipv4.ping_group_range does not grant this user",
                "sudo sysctl -w net.ipv4.ping_group_range='0 2147483647', or sudo setcap cap_net_raw+ep on netlens, or trace with --udp or --tcp, which need no privilege"),
            ProbeProtocol.Tcp when capabilities.RawSocket => RawTcpProber.Open(request.Target, request.Port, request.Netns, request.Flows),
            ProbeProtocol.Tcp => TcpConnectProber.Open(request.Target, request.Port, request.Netns, request.Flows),
            ProbeProtocol.Udp => UdpErrorQueueProber.Open(request.Target, request.Port, request.Netns, request.Flows),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.Protocol, "trace probes are ICMP, UDP or TCP"),
        };
    }
}
