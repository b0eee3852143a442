namespace NetLens.Core.Probing;

/// <summary>The ICMP/ICMPv6 messages a tracer acts on, with the same meaning for both families.</summary>
public enum IcmpMessageKind
{
    /// <summary>Not one a tracer uses (echo requests, redirects, neighbour discovery…).</summary>
    Other,
    EchoReply,

    /// <summary>TTL or hop limit ran out in transit: the sender is the hop (RFC 792 type 11, RFC 4443 type 3).</summary>
    TimeExceeded,

    /// <summary>RFC 792 type 3, RFC 4443 type 1; port unreachable from the target means the target was reached.</summary>
    DestinationUnreachable,

    /// <summary>RFC 4443 type 2; IPv4 says this with destination unreachable code 4.</summary>
    PacketTooBig,
}
