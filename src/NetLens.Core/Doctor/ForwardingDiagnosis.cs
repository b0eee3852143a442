namespace NetLens.Core.Doctor;

/// <summary>
/// doctor's forwarding step. On this host (--iif): the arrival device's forwarding sysctl, which turns the lookup's
/// "no route to host" into forwarding_disabled. On the way: a router with forwarding off drops the packet in ip_error
/// with IP_INADDRERRORS and sends no ICMP at all (not even time-exceeded, whose TTL check it never reaches), so the
/// path looks filtered; the kernel's drop reason is what tells the two apart.
/// </summary>
internal static class ForwardingDiagnosis
{
    /// <summary>The reason ip_error() gives a packet only when the device it arrived by does not forward.</summary>
    public const string Reason = "IP_INADDRERRORS";

    public const string Function = "ip_error";

    public static void Step(DoctorFacts facts, List<DoctorStep> steps, List<DoctorCause> causes)
    {
        Local(facts, steps, causes);
        OnThePath(facts, steps, causes);
    }

    private static void Local(DoctorFacts facts, List<DoctorStep> steps, List<DoctorCause> causes)
    {
        if (facts.Forwarding is not { } forwarding)
        {
            return;
        }

        if (forwarding.Forwards)
        {
            steps.Add(new DoctorStep("forwarding", StepStatus.Ok, $"{forwarding.Device} forwards ({forwarding.Sysctl} = 1)"));
            return;
        }

        var evidence = $"forwarding is off on {forwarding.Device} ({forwarding.Sysctl} = 0): the kernel routes no packet that arrives there";
        steps.Add(new DoctorStep("forwarding", StepStatus.Drop, evidence));

        // the input lookup's EHOSTUNREACH is this sysctl, not an unreachable route
        causes.RemoveAll(c => c.Kind == CauseKind.RejectRoute && facts.Route?.Errno == Errno.HostUnreachable);
        causes.Insert(0, new DoctorCause(CauseKind.ForwardingDisabled, CauseLocation.Local, null, evidence, forwarding.Sysctl));
    }

    private static void OnThePath(DoctorFacts facts, List<DoctorStep> steps, List<DoctorCause> causes)
    {
        if (facts.Path is not { Reached: false } path || facts.Drops is not { } drops)
        {
            return;
        }

        var count = drops.Where(d => d.Reason == Reason && d.Location == Function).Sum(d => d.Count);
        var silent = causes.FindIndex(c => c.Kind is CauseKind.PathFiltered or CauseKind.IcmpBlocked && c.Where == CauseLocation.Path && c.Rule is null);
        if (count == 0 || silent < 0)
        {
            return;
        }

        var hop = causes[silent].Hop ?? (path.LastAnswering?.Ttl ?? 0) + 1;
        var router = hop == 1 && facts.Route?.Gateway is { } gateway ? $" ({gateway}, the gateway)"
            : path.LastAnswering is { Address: { } before } ? $" (the router after {before})" : string.Empty;
        var evidence = $"hop {hop}{router} sends no ICMP, not even time-exceeded; the kernel dropped {count} packet{(count == 1 ? string.Empty : "s")} "
            + $"with {Reason} in {Function}, as a router with forwarding off does (a host-wide tracepoint: the reason, not the namespace)";
        steps.Add(new DoctorStep("forwarding", StepStatus.Drop, evidence));
        causes[silent] = new DoctorCause(CauseKind.ForwardingDisabled, CauseLocation.Path, hop, evidence, null);
    }
}
