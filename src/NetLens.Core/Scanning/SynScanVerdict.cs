using NetLens.Core.Probing;

namespace NetLens.Core.Scanning;

/// <summary>What an answer to a SYN probe makes of the port (-sS), as nmap defines the states.</summary>
public static class SynScanVerdict
{
    /// <summary>SYN/ACK: something listens (open); RST: reachable, nothing listens (closed); anything else says nothing.</summary>
    public static (PortState State, PortReason Reason)? FromTcp(TcpFlags flags) =>
        (flags & TcpFlags.Rst) != 0 ? (PortState.Closed, PortReason.Reset)
        : (flags & (TcpFlags.Syn | TcpFlags.Ack)) == (TcpFlags.Syn | TcpFlags.Ack) ? (PortState.Open, PortReason.SynAck)
        : null;

    /// <summary>An ICMP destination unreachable quoting the SYN: a filter answered for the port (filtered, with its reason).</summary>
    public static (PortState State, PortReason Reason)? FromIcmp(byte type, byte code, bool ipv6) =>
        UnreachableReason(type, code, ipv6) is { } reason ? (PortState.Filtered, reason) : null;

    /// <summary>The unreachable codes nmap reads as "filtered" (RFC 792/1812 for IPv4, RFC 4443 §3.1 for IPv6); null for any other message.</summary>
    public static PortReason? UnreachableReason(byte type, byte code, bool ipv6)
    {
        if (ipv6)
        {
            return type != IcmpTypes.V6DestinationUnreachable ? null : code switch
            {
                0 => PortReason.NetUnreach,
                1 or 5 or 6 => PortReason.AdminProhibited,
                3 => PortReason.HostUnreach,
                4 => PortReason.PortUnreach,
                _ => null,
            };
        }

        return type != IcmpTypes.V4DestinationUnreachable ? null : code switch
        {
            0 => PortReason.NetUnreach,
            1 => PortReason.HostUnreach,
            2 => PortReason.ProtoUnreach,
            3 => PortReason.PortUnreach,
            9 => PortReason.NetProhibited,
            10 => PortReason.HostProhibited,
            13 => PortReason.AdminProhibited,
            _ => null,
        };
    }
}
