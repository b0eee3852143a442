namespace NetLens.Core.Scanning;

/// <summary>Why a port got its state: the reply (or its absence) that decided it, as nmap's --reason names it.</summary>
public enum PortReason
{
    /// <summary>A SYN/ACK came back (also what a completed connect() means).</summary>
    SynAck,

    /// <summary>A TCP RST came back to a raw probe.</summary>
    Reset,

    /// <summary>connect() was refused: the kernel got a RST (or an ICMP port unreachable).</summary>
    ConnRefused,

    /// <summary>Nothing came back, retries included.</summary>
    NoResponse,

    /// <summary>A UDP datagram came back from the probed port.</summary>
    UdpResponse,

    /// <summary>ICMP port unreachable (type 3 code 3).</summary>
    PortUnreach,

    /// <summary>ICMP host unreachable (type 3 code 1), or EHOSTUNREACH.</summary>
    HostUnreach,

    /// <summary>ICMP network unreachable (type 3 code 0), or ENETUNREACH.</summary>
    NetUnreach,

    /// <summary>ICMP protocol unreachable (type 3 code 2).</summary>
    ProtoUnreach,

    /// <summary>ICMP communication administratively prohibited (type 3 code 13).</summary>
    AdminProhibited,

    /// <summary>ICMP host administratively prohibited (type 3 code 10).</summary>
    HostProhibited,

    /// <summary>ICMP network administratively prohibited (type 3 code 9).</summary>
    NetProhibited,

    /// <summary>This host's own output firewall refused the probe (the send failed with EPERM): nothing left the host.</summary>
    LocalFirewall,

    /// <summary>The state was given, not measured (-Pn for host status).</summary>
    UserSet,

    /// <summary>An ICMP echo reply proved the host up (discovery).</summary>
    EchoReply,

    /// <summary>An ICMP timestamp reply proved the host up (discovery).</summary>
    TimestampReply,

    /// <summary>The address is one of this machine's own (nmap says "localhost-response").</summary>
    LocalhostResponse,

    /// <summary>The host answered ARP on a directly connected link while it was probed (discovery).</summary>
    ArpResponse,

    /// <summary>The host answered IPv6 neighbour discovery on a directly connected link while it was probed (discovery).</summary>
    NdResponse,
}

/// <summary>nmap's spelling of each reason.</summary>
public static class PortReasonWords
{
    /// <summary>"syn-ack ttl 63" when the reply's TTL is known, as nmap's --reason column and host line write it; the word alone otherwise.</summary>
    public static string WithTtl(this PortReason reason, int? ttl) => ttl is { } known ? $"{reason.Word()} ttl {known}" : reason.Word();

    public static string Word(this PortReason reason) => reason switch
    {
        PortReason.SynAck => "syn-ack",
        PortReason.Reset => "reset",
        PortReason.ConnRefused => "conn-refused",
        PortReason.NoResponse => "no-response",
        PortReason.UdpResponse => "udp-response",
        PortReason.PortUnreach => "port-unreach",
        PortReason.HostUnreach => "host-unreach",
        PortReason.NetUnreach => "net-unreach",
        PortReason.ProtoUnreach => "proto-unreach",
        PortReason.AdminProhibited => "admin-prohibited",
        PortReason.HostProhibited => "host-prohibited",
        PortReason.NetProhibited => "net-prohibited",
        PortReason.LocalFirewall => "local-firewall",
        PortReason.UserSet => "user-set",
        PortReason.EchoReply => "echo-reply",
        PortReason.TimestampReply => "timestamp-reply",
        PortReason.LocalhostResponse => "localhost-response",
        PortReason.ArpResponse => "arp-response",
        PortReason.NdResponse => "nd-response",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}
