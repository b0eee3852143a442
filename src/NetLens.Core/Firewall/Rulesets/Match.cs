using System.Net.Sockets;
using NetLens.Core.Firewall.Evaluation;

namespace NetLens.Core.Firewall.Rulesets;

/// <summary>One condition of a rule (nft expression or iptables option), tested against the asked packet.</summary>
public abstract record Match
{
    public abstract MatchResult Test(PacketQuery packet);
}

/// <summary>The packet fields a rule can compare with numbers, ranges, prefixes and sets.</summary>
public enum PacketField
{
    /// <summary>The layer-3 family: 2 (NFPROTO_IPV4) or 10 (NFPROTO_IPV6).</summary>
    NfProto,
    L4Proto,
    SourcePort,
    DestinationPort,
    SourceAddress,
    DestinationAddress,

    /// <summary>The ICMP or ICMPv6 type ("icmp type echo-request", "--icmp-type 8").</summary>
    IcmpType,
}

/// <summary>
/// A field compared with values: "tcp dport { 22, 80 }", "-s 198.18.0.0/24", "ip6 saddr != 2001:db8::/64".
/// An address match carries its family: a packet of the other family never matches, negated or not (nft's implicit dependency).
/// </summary>
public sealed record FieldMatch(PacketField Field, IReadOnlyList<ValueRange> Values, bool Negated = false, AddressFamily? Family = null) : Match
{
    public const int NfProtoIpv4 = 2;
    public const int NfProtoIpv6 = 10;

    public override MatchResult Test(PacketQuery packet)
    {
        if (Family is { } family && family != packet.Family)
        {
            return MatchResult.No;
        }

        UInt128 value;
        switch (Field)
        {
            case PacketField.NfProto:
                value = packet.Family == AddressFamily.InterNetworkV6 ? (UInt128)NfProtoIpv6 : NfProtoIpv4;
                break;
            case PacketField.L4Proto:
                value = (UInt128)packet.Protocol;
                break;
            case PacketField.DestinationPort:
                value = (UInt128)packet.DestinationPort;
                break;
            case PacketField.SourcePort:
                return MatchResult.Unknown("the rule matches the source port, which the client chooses");
            case PacketField.SourceAddress when packet.Source is null:
                return MatchResult.Unknown("the rule matches the source address (give --from)");
            case PacketField.SourceAddress:
                value = ValueRange.AddressValue(packet.Source);
                break;
            case PacketField.DestinationAddress when packet.Destination is null:
                return MatchResult.Unknown("the rule matches the destination address (give --to)");
            case PacketField.DestinationAddress:
                value = ValueRange.AddressValue(packet.Destination);
                break;
            case PacketField.IcmpType when packet.IcmpType is null:
                return MatchResult.Unknown("the rule matches the ICMP type (give it: icmp/echo-request)");
            case PacketField.IcmpType:
                value = (UInt128)packet.IcmpType.Value;
                break;
            default:
                return MatchResult.Unknown($"field {Field} is not modelled");
        }

        return MatchResult.Of(Contains(value), Negated);
    }

    public bool Contains(UInt128 value)
    {
        foreach (var range in Values)
        {
            if (range.Contains(value))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>"-i eth0", "iifname "veth*"", "-o docker0": a device name, '+' (iptables) or '*' (nft) ending a prefix.</summary>
public sealed record InterfaceMatch(bool Output, IReadOnlyList<string> Names, bool Negated = false) : Match
{
    public override MatchResult Test(PacketQuery packet)
    {
        var device = Output ? packet.OutputInterface : packet.InputInterface;
        if (device is null)
        {
            return MatchResult.Unknown(Output
                ? "the rule matches the output device of a forwarded packet, which the route to it decides"
                : "the rule matches the input device (give --iif)");
        }

        return MatchResult.Of(Names.Any(name => Fits(name, device)), Negated);
    }

    private static bool Fits(string pattern, string device) =>
        pattern.Length > 0 && pattern[^1] is '+' or '*'
            ? device.StartsWith(pattern[..^1], StringComparison.Ordinal)
            : string.Equals(pattern, device, StringComparison.Ordinal);
}

/// <summary>"ct state established,related", "-m conntrack --ctstate NEW": the asked packet opens a connection, so its state is "new".</summary>
public sealed record ConntrackStateMatch(IReadOnlySet<string> States, bool Negated = false) : Match
{
    public override MatchResult Test(PacketQuery packet) => MatchResult.Of(States.Contains("new"), Negated);
}

/// <summary>"tcp flags &amp; (syn|ack) == syn", "--syn": the first packet of a TCP connection carries SYN alone.</summary>
public sealed record TcpFlagsMatch(int Mask, int Value, bool Negated = false) : Match
{
    public const int Fin = 0x01;
    public const int Syn = 0x02;
    public const int Rst = 0x04;
    public const int Ack = 0x10;

    public override MatchResult Test(PacketQuery packet) =>
        packet.Protocol != PacketQuery.Tcp ? MatchResult.No : MatchResult.Of((Syn & Mask) == Value, Negated);
}

/// <summary>"-m addrtype --dst-type LOCAL", "fib daddr type local": an incoming packet is addressed to this host; an outgoing or forwarded one to this host only when its destination is local.</summary>
public sealed record AddressTypeMatch(bool Destination, IReadOnlySet<string> Types, bool Negated = false) : Match
{
    public override MatchResult Test(PacketQuery packet) =>
        !Destination ? MatchResult.Unknown("the rule matches the type of the source address")
            : packet.DestinationIsLocal is not { } local ? MatchResult.Unknown("the rule matches the type of the destination address (give --to)")
            : MatchResult.Of(Types.Contains("unicast") || (local && Types.Contains("local")), Negated);
}

/// <summary>A match netlens does not model: whether it holds is unknown, and the answer says so.</summary>
public sealed record UnknownMatch(string Text) : Match
{
    public override MatchResult Test(PacketQuery packet) => MatchResult.Unknown($"netlens does not model '{Text}'");
}
