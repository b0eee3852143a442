namespace NetLens.Core.Doctor;

/// <summary>doctor's mtu step: the path MTU the DF probes found, or the black hole where big packets vanish silently.</summary>
internal static class MtuDiagnosis
{
    public static void Step(DoctorFacts facts, List<DoctorStep> steps, List<DoctorCause> causes)
    {
        if (facts.Mtu is not { } mtu)
        {
            if (facts.Notes.TryGetValue("mtu", out var why))
            {
                steps.Add(new DoctorStep("mtu", StepStatus.Skipped, why));
            }

            return;
        }

        if (mtu.BlackHole)
        {
            var where = mtu.LastHopReached is { } hop ? $" after hop {hop}" : string.Empty;
            var evidence = $"{mtu.SmallestVanished}-byte DF probes vanish{where}, {mtu.LargestPassed} pass; no ICMP frag-needed came back (path MTU {mtu.LargestPassed})";
            steps.Add(new DoctorStep("mtu", StepStatus.Drop, evidence));
            causes.Add(new DoctorCause(CauseKind.MtuBlackhole, CauseLocation.Path, mtu.LastHopReached, evidence, null));
            return;
        }

        if (mtu.PathMtu is not { } path)
        {
            steps.Add(new DoctorStep("mtu", StepStatus.Unknown, $"no DF probe was answered (device MTU {mtu.OutgoingMtu})"));
            return;
        }

        var told = mtu.FragNeededMtu is { } next
            ? $"ICMP frag-needed from {mtu.FragNeededFrom?.ToString() ?? "a router"}: next-hop MTU {next}"
            : mtu.KernelPmtu is not null ? "the kernel's cached path MTU" : $"{mtu.LargestPassed}-byte DF probes pass";
        steps.Add(new DoctorStep("mtu", StepStatus.Ok, $"path MTU {path} ({told}; device MTU {mtu.OutgoingMtu})"));
    }
}
