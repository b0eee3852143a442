namespace NetLens.Core.Doctor;

/// <summary>reachable: the destination answered; blocked: something stops the packet; degraded: it answered with loss; unknown: no answer and no cause found.</summary>
public enum DoctorVerdict
{
    Reachable,
    Blocked,
    Degraded,
    Unknown,
}

/// <summary>doctor's answer: the steps in the packet's order, the verdict, its cause, the fixes proposed, the kernel's drops.</summary>
public sealed record DoctorReport(
    DoctorTarget Target,
    DoctorVerdict Verdict,
    DoctorCause Cause,
    IReadOnlyList<DoctorStep> Steps,
    IReadOnlyList<DoctorFix> Fixes,
    IReadOnlyList<KernelDrop> Drops)
{
    /// <summary>How the path was traced, when it was.</summary>
    public NetLens.Core.Probing.ProbeMechanism? PathMechanism { get; init; }

    /// <summary>How the port was probed (`port test`'s word: connect, udp-errqueue), when it was.</summary>
    public string? PortMechanism { get; init; }
}
