using System.Net;
using System.Net.Sockets;

namespace NetLens.Core.Firewall.Evaluation;

/// <summary>
/// The packet `port check` asks about: the first packet of a new connection (a TCP SYN, or a UDP datagram).
/// What the user did not give (source, interface) stays null, and rules that look at it make the answer uncertain.
/// </summary>
public sealed record PacketQuery
{
    public const int Tcp = 6;
    public const int Udp = 17;
    public const int Icmp = 1;
    public const int Icmpv6 = 58;

    public required AddressFamily Family { get; init; }

    /// <summary>IANA protocol number: 6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6.</summary>
    public required int Protocol { get; init; }

    /// <summary>The TCP or UDP port; 0 for ICMP.</summary>
    public required int DestinationPort { get; init; }

    /// <summary>The ICMP type asked about (8 echo request); null for any type, or a protocol without one.</summary>
    public int? IcmpType { get; init; }

    public bool IsIcmp => Protocol is Icmp or Icmpv6;

    public IPAddress? Source { get; init; }

    public IPAddress? Destination { get; init; }

    public string? InputInterface { get; init; }

    /// <summary>"" while the packet goes to this host (no output device at the input hook); null when forwarded and unknown.</summary>
    public string? OutputInterface { get; init; } = string.Empty;

    /// <summary>In (to this host, the default), out (sent by this host) or forward (routed through it).</summary>
    public PacketDirection Direction { get; init; } = PacketDirection.In;

    /// <summary>Whether the destination is this host's own address (what "fib daddr type local" asks); null when unknown.</summary>
    public bool? DestinationIsLocal { get; init; } = true;

    public string ProtocolName => Protocol switch { Tcp => "tcp", Udp => "udp", Icmp => "icmp", Icmpv6 => "icmpv6", _ => Protocol.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    /// <summary>"tcp/80", "icmp/echo-request", "icmpv6": as the SPEC is written.</summary>
    public string SpecText => IsIcmp
        ? (IcmpType is { } type ? $"{ProtocolName}/{Rulesets.IcmpTypes.Name(type, Protocol == Icmpv6)}" : ProtocolName)
        : $"{ProtocolName}/{DestinationPort.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public string FamilyName => Family == AddressFamily.InterNetworkV6 ? "ipv6" : "ipv4";
}

/// <summary>What the evaluator may ask about the host: which addresses are its own, and which device a forwarded packet leaves by.</summary>
public interface IHostFacts
{
    bool IsLocal(IPAddress address);

    string? OutputDevice(IPAddress destination);
}

/// <summary>Facts when nothing is known: loopback and the asked destination are local, devices unknown.</summary>
public sealed class AssumedHostFacts(IPAddress? destination) : IHostFacts
{
    public bool IsLocal(IPAddress address) => IPAddress.IsLoopback(address) || address.Equals(destination);

    public string? OutputDevice(IPAddress destination) => null;
}
