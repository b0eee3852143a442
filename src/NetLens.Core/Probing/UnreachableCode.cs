namespace NetLens.Core.Probing;

/// <summary>
/// The type and code of a router's "cannot be reached" answer (ICMP destination unreachable, ICMPv6 destination
/// unreachable or packet too big), with the mark traceroute prints after the host for it.
/// </summary>
public readonly record struct UnreachableCode(bool Ipv6, byte Type, byte Code)
{
    /// <summary>The code of an error that says the target cannot be reached; null for time exceeded, echo replies and the rest.</summary>
    public static UnreachableCode? Of(byte type, byte code, bool ipv6) =>
        IcmpDecoder.KindOf(type, code, ipv6) is IcmpMessageKind.DestinationUnreachable or IcmpMessageKind.PacketTooBig
            ? new UnreachableCode(ipv6, type, code)
            : null;

    public bool PacketTooBig => Ipv6 ? Type == IcmpTypes.V6PacketTooBig : Code == IcmpTypes.V4FragmentationNeeded;

    /// <summary>traceroute(8)'s mark: !N !H !P !S !F !X !V !C, else !code; null for port unreachable, which traceroute prints none for.</summary>
    public string? Mark => Ipv6 ? V6Mark : V4Mark;

    /// <summary>What the code means, in the RFC's words (RFC 792, RFC 1812 §5.2.7.1, RFC 4443 §3.1).</summary>
    public string Meaning => Ipv6 ? V6Meaning : V4Meaning;

    private string? V4Mark => Code switch
    {
        0 or 6 or 11 => "!N",
        1 or 7 or 8 or 12 => "!H",
        2 => "!P",
        3 => null,
        4 => "!F",
        5 => "!S",
        9 or 10 or 13 => "!X",
        14 => "!V",
        15 => "!C",
        _ => $"!{Code}",
    };

    private string V4Meaning => Code switch
    {
        0 => "network unreachable",
        1 => "host unreachable",
        2 => "protocol unreachable",
        3 => "port unreachable",
        4 => "fragmentation needed",
        5 => "source route failed",
        6 => "destination network unknown",
        7 => "destination host unknown",
        8 => "source host isolated",
        9 => "network administratively prohibited",
        10 => "host administratively prohibited",
        11 => "network unreachable for TOS",
        12 => "host unreachable for TOS",
        13 => "communication administratively prohibited",
        14 => "host precedence violation",
        15 => "precedence cutoff in effect",
        _ => $"unreachable code {Code}",
    };

    // Packet too big is !F as IPv4's fragmentation needed; the destination unreachable codes of RFC 4443 §3.1 after it.
    private string? V6Mark => Type == IcmpTypes.V6PacketTooBig ? "!F" : Code switch
    {
        0 => "!N",
        1 or 5 or 6 => "!X",
        2 => "!S",
        3 => "!H",
        4 => null,
        _ => $"!{Code}",
    };

    private string V6Meaning => Type == IcmpTypes.V6PacketTooBig ? "packet too big" : Code switch
    {
        0 => "no route to destination",
        1 => "communication administratively prohibited",
        2 => "beyond scope of source address",
        3 => "address unreachable",
        4 => "port unreachable",
        5 => "source address failed ingress/egress policy",
        6 => "reject route to destination",
        _ => $"unreachable code {Code}",
    };

    /// <summary>"!X (communication administratively prohibited)", or the meaning alone where traceroute prints no mark.</summary>
    public override string ToString() => Mark is { } mark ? $"{mark} ({Meaning})" : Meaning;
}
