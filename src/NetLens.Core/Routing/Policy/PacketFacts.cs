using System.Net;

namespace NetLens.Core.Routing.Policy;

/// <summary>What policy rules look at in a packet (struct flowi): addresses, interfaces, mark, uid, tos, ports.</summary>
public sealed record PacketFacts
{
    public required IPAddress Destination { get; init; }

    /// <summary>The source address; null for a locally generated packet that has none yet (rules see 0.0.0.0 / ::).</summary>
    public IPAddress? Source { get; init; }

    /// <summary>The input interface; locally generated packets come in on "lo" as far as rules are concerned.</summary>
    public string InputInterface { get; init; } = "lo";

    public string? OutputInterface { get; init; }

    public uint Mark { get; init; }

    public uint Uid { get; init; }

    public byte Tos { get; init; }

    public byte? IpProtocol { get; init; }

    public ushort? SourcePort { get; init; }

    public ushort? DestinationPort { get; init; }
}
