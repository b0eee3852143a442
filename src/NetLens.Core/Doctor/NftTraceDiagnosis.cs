namespace NetLens.Core.Doctor;

/// <summary>
/// The nftables trace's step: per traced namespace, the rule or policy that decided the probe. A traced drop names
/// the firewall cause's rule (the kernel's own word beats the ruleset's evaluation), and is the cause itself when the
/// evaluation missed it.
/// </summary>
internal static class NftTraceDiagnosis
{
    private const string Kind = "nftables_trace";

    public static void Step(DoctorFacts facts, List<DoctorStep> steps, List<DoctorCause> causes)
    {
        if (facts.NftTrace is not { } traces)
        {
            if (facts.Notes.TryGetValue(Kind, out var why))
            {
                steps.Add(new DoctorStep(Kind, StepStatus.Skipped, why));
            }

            return;
        }

        foreach (var trace in traces)
        {
            if (trace.Decision is not { } decision)
            {
                steps.Add(new DoctorStep(Kind, trace.Seen ? StepStatus.Ok : StepStatus.Unknown, $"{trace.Namespace}: {trace.Note ?? "no traced packet"}"));
                continue;
            }

            if (!decision.Dropped)
            {
                steps.Add(new DoctorStep(Kind, StepStatus.Ok, $"{trace.Namespace}: {decision.Verdict} by {decision.Rule}"));
                continue;
            }

            steps.Add(new DoctorStep(Kind, StepStatus.Drop, $"{trace.Namespace}: {decision.Verdict} by {decision.Rule}"));
            if (facts.Probe?.Answered != true)
            {
                NameRule(trace, decision, steps, causes);
            }
        }
    }

    /// <summary>The firewall cause (and step) of the trace's side gets the traced rule; without one, the trace is the cause.</summary>
    private static void NameRule(NftTraceFact trace, NftTraceDecision decision, List<DoctorStep> steps, List<DoctorCause> causes)
    {
        var (kind, stepKind, hook) = trace.Where == CauseLocation.Peer
            ? (CauseKind.PeerFirewall, "peer_firewall", "input")
            : (CauseKind.LocalFirewall, "local_firewall", "output");
        var step = steps.FindIndex(s => s.Kind == stepKind);
        if (step >= 0)
        {
            steps[step] = steps[step] with { Detail = $"{steps[step].Detail}; traced: {decision.Rule}" };
        }

        var index = causes.FindIndex(c => c.Kind == kind);
        if (index >= 0)
        {
            causes[index] = causes[index] with { Rule = decision.Rule };
            return;
        }

        var cause = new DoctorCause(kind, trace.Where, null, $"{hook} {decision.Verdict} by {decision.Rule} (nftables trace)", decision.Rule);
        var path = causes.FindIndex(c => c.Where == CauseLocation.Path);
        if (path < 0)
        {
            causes.Add(cause);
        }
        else
        {
            causes.Insert(path, cause);
        }
    }
}
