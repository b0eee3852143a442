namespace NetLens.Core.Probing;

/// <summary>One decoded ICMP or ICMPv6 message: an echo reply, or an error with the probe it quotes.</summary>
public readonly record struct IcmpMessage
{
    public required IcmpMessageKind Kind { get; init; }
    public required byte Type { get; init; }
    public required byte Code { get; init; }

    /// <summary>Echo identifier and sequence of an echo reply; 0 for errors.</summary>
    public ushort Identifier { get; init; }

    public ushort Sequence { get; init; }

    /// <summary>The data an echo reply carries back (our probe's payload); empty for errors.</summary>
    public ReadOnlyMemory<byte> Payload { get; init; }

    /// <summary>The original datagram an error quotes; null for echo replies or a quote too short to read.</summary>
    public QuotedProbe? Quoted { get; init; }

    /// <summary>MPLS labels from the error's RFC 4884 extensions (RFC 4950); empty when the router sent none.</summary>
    public IReadOnlyList<MplsLabel> Mpls { get => _mpls ?? []; init => _mpls = value; }

    private readonly IReadOnlyList<MplsLabel>? _mpls;

    public bool IsError => Kind is IcmpMessageKind.TimeExceeded or IcmpMessageKind.DestinationUnreachable or IcmpMessageKind.PacketTooBig;
}
