using NetLens.Core.Doctor;

namespace NetLens.Cli.Commands.Doctor;

/// <summary>`doctor` as bound from the command line.</summary>
public sealed record DoctorOptions
{
    public required DoctorTargetSpec Spec { get; init; }

    public string? From { get; init; }

    public string? InputInterface { get; init; }

    public string? Mark { get; init; }

    public string? Uid { get; init; }

    public string? PeerNetns { get; init; }

    public bool Fix { get; init; }

    public double TimeoutSeconds { get; init; } = 2;

    public string ServicesFile { get; init; } = NetLens.Linux.Services.ServicesFile.SystemPath;

    public bool Json { get; init; }

    public bool Verbose { get; init; }

    public string? Netns { get; init; }
}
