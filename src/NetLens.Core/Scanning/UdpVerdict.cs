namespace NetLens.Core.Scanning;

/// <summary>What came back to one UDP probe, before any state is decided.</summary>
public enum UdpProbeOutcome
{
    /// <summary>A datagram from the probed port.</summary>
    Response,

    /// <summary>ICMP port unreachable (v4 type 3 code 3, v6 type 1 code 4).</summary>
    PortUnreachable,

    /// <summary>ICMP host unreachable (v4 code 1, v6 code 3 address unreachable).</summary>
    HostUnreachable,

    /// <summary>ICMP network unreachable (v4 code 0, v6 code 0 no route).</summary>
    NetUnreachable,

    /// <summary>ICMP protocol unreachable (v4 code 2).</summary>
    ProtocolUnreachable,

    /// <summary>v4 code 9: network administratively prohibited.</summary>
    NetProhibited,

    /// <summary>v4 code 10: host administratively prohibited (iptables --reject-with icmp-host-prohibited).</summary>
    HostProhibited,

    /// <summary>v4 code 13, v6 code 1 (and the v6 policy codes 5 and 6): communication administratively prohibited.</summary>
    AdminProhibited,

    /// <summary>The send failed with EPERM: this host's output firewall dropped the probe before it left.</summary>
    LocalFirewall,
}

/// <summary>A UDP probe's outcome as nmap's state and reason (nmap's -sU: a reply is open, port unreachable closed, other unreachables filtered, silence open|filtered).</summary>
public static class UdpScanVerdict
{
    public static (PortState State, PortReason Reason) Decide(UdpProbeOutcome outcome) => outcome switch
    {
        UdpProbeOutcome.Response => (PortState.Open, PortReason.UdpResponse),
        UdpProbeOutcome.PortUnreachable => (PortState.Closed, PortReason.PortUnreach),
        UdpProbeOutcome.HostUnreachable => (PortState.Filtered, PortReason.HostUnreach),
        UdpProbeOutcome.NetUnreachable => (PortState.Filtered, PortReason.NetUnreach),
        UdpProbeOutcome.ProtocolUnreachable => (PortState.Filtered, PortReason.ProtoUnreach),
        UdpProbeOutcome.NetProhibited => (PortState.Filtered, PortReason.NetProhibited),
        UdpProbeOutcome.HostProhibited => (PortState.Filtered, PortReason.HostProhibited),
        UdpProbeOutcome.AdminProhibited => (PortState.Filtered, PortReason.AdminProhibited),
        UdpProbeOutcome.LocalFirewall => (PortState.Filtered, PortReason.LocalFirewall),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    /// <summary>Silence after every counted attempt: an open service that ignored the payload looks the same as a filter.</summary>
    public static (PortState State, PortReason Reason) Silent => (PortState.OpenFiltered, PortReason.NoResponse);

    /// <summary>
    /// An ICMP destination unreachable as a UDP outcome (RFC 792 type 3, RFC 4443 type 1); null for any other ICMP
    /// message (time exceeded, too big…), which says nothing about the port.
    /// </summary>
    public static UdpProbeOutcome? FromIcmp(byte type, byte code, bool ipv6) => ipv6 ? FromIcmp6(type, code) : FromIcmp4(type, code);

    private static UdpProbeOutcome? FromIcmp4(byte type, byte code) => type != 3 ? null : code switch
    {
        0 => UdpProbeOutcome.NetUnreachable,
        1 => UdpProbeOutcome.HostUnreachable,
        2 => UdpProbeOutcome.ProtocolUnreachable,
        3 => UdpProbeOutcome.PortUnreachable,
        9 => UdpProbeOutcome.NetProhibited,
        10 => UdpProbeOutcome.HostProhibited,
        13 => UdpProbeOutcome.AdminProhibited,

        // fragmentation needed, source route failed, unknown network/host, precedence cut-off: the path, not the port
        _ => null,
    };

    private static UdpProbeOutcome? FromIcmp6(byte type, byte code) => type != 1 ? null : code switch
    {
        0 => UdpProbeOutcome.NetUnreachable,
        1 or 5 or 6 => UdpProbeOutcome.AdminProhibited,
        2 or 3 => UdpProbeOutcome.HostUnreachable,
        4 => UdpProbeOutcome.PortUnreachable,
        _ => null,
    };

    /// <summary>Whether the outcome is an ICMP error: those are what a host's ICMP rate limit drops.</summary>
    public static bool IsIcmpError(this UdpProbeOutcome outcome) => outcome != UdpProbeOutcome.Response;
}
