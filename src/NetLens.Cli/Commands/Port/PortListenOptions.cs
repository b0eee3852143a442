namespace NetLens.Cli.Commands.Port;

/// <summary>`netlens port listen` as typed values.</summary>
public sealed record PortListenOptions
{
    public required int Port { get; init; }

    public bool Tcp { get; init; } = true;

    public bool Udp { get; init; } = true;

    public int? Count { get; init; }

    public TimeSpan? Timeout { get; init; }

    public bool Json { get; init; }

    public string? Netns { get; init; }
}
