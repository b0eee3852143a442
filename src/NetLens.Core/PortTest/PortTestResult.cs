using System.Net;

namespace NetLens.Core.PortTest;

/// <summary>nmap's words for what a probe proved: open, closed, filtered, or open|filtered (UDP silence proves neither).</summary>
public enum PortTestState
{
    Open,
    Closed,
    Filtered,
    OpenFiltered,
}

/// <summary>What `port test` proved about one endpoint, why (syn-ack, conn-refused, port-unreach, netlens-reply…), and how long it took.</summary>
public sealed record PortTestResult(IPEndPoint Target, string Protocol, PortTestState State, string Reason, TimeSpan Elapsed, int Attempts)
{
    /// <summary>Whatever answered a UDP probe, when it was not netlens's listener.</summary>
    public string? Reply { get; init; }

    /// <summary>
    /// Set when a kernel tunnel holds the UDP port (vxlan): "held by the kernel's vxlan tunnel vxlan42 (…)" or "the far
    /// end of this host's vxlan tunnel vxlan42 (…)". The kernel answers no datagram there, so UDP silence proves nothing.
    /// </summary>
    public string? KernelTunnel { get; init; }

    /// <summary>With the peer's namespace at hand (`--peer-netns`): a frame sent through the tunnel, and whether it arrived.</summary>
    public TunnelProof? TunnelProof { get; init; }

    /// <summary>The router or host that sent an ICMP error.</summary>
    public IPAddress? ErrorFrom { get; init; }

    /// <summary>How it was asked: "connect" (TCP handshake) or "udp-errqueue" (a datagram, ICMP errors read with IP_RECVERR).</summary>
    public string Mechanism => Protocol == "tcp" ? "connect" : "udp-errqueue";

    public string StateWord => State switch
    {
        PortTestState.Open => "open",
        PortTestState.Closed => "closed",
        PortTestState.Filtered => "filtered",
        _ => "open|filtered",
    };
}
