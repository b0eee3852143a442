using System.Net.Sockets;

namespace NetLens.Cli.Commands.Routing;

/// <summary>`netlens route get` as typed values, before anything is resolved.</summary>
public sealed record RouteGetOptions
{
    public required string Target { get; init; }

    public AddressFamily? Family { get; init; }

    public string? From { get; init; }

    public string? InputInterface { get; init; }

    public string? OutputInterface { get; init; }

    public string? Mark { get; init; }

    public string? Uid { get; init; }

    public string? Tos { get; init; }

    public string? IpProtocol { get; init; }

    public string? SourcePort { get; init; }

    public string? DestinationPort { get; init; }

    public bool Json { get; init; }

    public string? Netns { get; init; }

    public bool Verbose { get; init; }

    /// <summary>--explain: the whole decision, rule by rule and route by route.</summary>
    public bool Explain { get; init; }

    /// <summary>--snapshot FILE: answer from a saved snapshot instead of the kernel.</summary>
    public string? SnapshotPath { get; init; }
}
