using NetLens.Core.Doctor;

namespace NetLens.Cli.Output.Doctor;

/// <summary>doctor's words for statuses and verdicts, the same in text and JSON.</summary>
public static class DoctorWords
{
    public static string Status(StepStatus status) => status.ToString().ToLowerInvariant();

    public static string Verdict(DoctorVerdict verdict) => verdict.ToString().ToLowerInvariant();

    /// <summary>"the peer (lab-b)", "this host", "the path at hop 3", "the underlay".</summary>
    public static string Where(DoctorCause cause, string? peerNetns) => cause.Where switch
    {
        CauseLocation.Peer => peerNetns is null ? "the far side" : $"the far side ({peerNetns})",
        CauseLocation.Path => cause.Hop is { } hop ? $"the path, at hop {hop}" : "the path",
        CauseLocation.Underlay => "the underlay",
        _ => "this host",
    };
}
