using System.Net;

namespace NetLens.Cli.Commands.Port;

/// <summary>`netlens port test` as typed values.</summary>
public sealed record PortTestOptions
{
    public required string Host { get; init; }

    public required IPAddress Address { get; init; }

    public required int Port { get; init; }

    public required string Protocol { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(3);

    public int Attempts { get; init; } = 3;

    public bool Json { get; init; }

    public bool Verbose { get; init; }

    public string? Netns { get; init; }

    public string? PeerNetns { get; init; }
}
