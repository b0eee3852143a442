using System.Net;

namespace NetLens.Core.Routing;

/// <summary>A "which way does this packet go" question, with the selectors `ip route get` takes.</summary>
public sealed record RouteLookupRequest
{
    public required IPAddress Destination { get; init; }

    public IPAddress? From { get; init; }

    public string? InputInterface { get; init; }

    public string? OutputInterface { get; init; }

    public uint? Mark { get; init; }

    public uint? Uid { get; init; }

    public byte? Tos { get; init; }

    public byte? IpProtocol { get; init; }

    public ushort? SourcePort { get; init; }

    public ushort? DestinationPort { get; init; }

    /// <summary>Ask for the FIB entry that matched (RTM_F_FIB_MATCH) instead of the resolved route.</summary>
    public bool FibMatch { get; init; }
}
