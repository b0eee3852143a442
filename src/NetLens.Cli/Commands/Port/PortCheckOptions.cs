using System.Net;
using NetLens.Core.Firewall.Evaluation;

namespace NetLens.Cli.Commands.Port;

/// <summary>`netlens port check` as typed values.</summary>
public sealed record PortCheckOptions
{
    public required string Spec { get; init; }

    public IPAddress? From { get; init; }

    public IPAddress? To { get; init; }

    public string? InputInterface { get; init; }

    public string? OutputInterface { get; init; }

    public PacketDirection Direction { get; init; } = PacketDirection.In;

    /// <summary>A saved ruleset to evaluate instead of the live one.</summary>
    public string? RulesetFile { get; init; }

    public string ServicesFile { get; init; } = NetLens.Linux.Services.ServicesFile.SystemPath;

    public bool Json { get; init; }

    public bool Verbose { get; init; }

    public string? Netns { get; init; }
}
