namespace NetLens.Core.Doctor;

/// <summary>
/// doctor's conntrack step: a table that tracks something is shown with its fill; a full one, with the probe unanswered,
/// is conntrack_full, sharper than what its drop looked like from here (an EPERM send, or silence on the path).
/// </summary>
internal static class ConntrackDiagnosis
{
    /// <summary>A table this full is worth a warning: bursts of new flows will meet it.</summary>
    public const double WarnPercent = 90;

    public static void Step(DoctorFacts facts, List<DoctorStep> steps, List<DoctorCause> causes, List<DoctorFix> fixes)
    {
        foreach (var table in facts.Conntrack ?? [])
        {
            if (table.Count == 0 && !table.Full)
            {
                // nothing tracked: no rule there uses conntrack, nothing to say
                continue;
            }

            var fill = $"{table.Name}: nf_conntrack_count {table.Count} of nf_conntrack_max {table.Max}";
            if (!table.Full)
            {
                var nearly = table.Max > 0 && table.Count * 100.0 / table.Max >= WarnPercent;
                steps.Add(new DoctorStep("conntrack", nearly ? StepStatus.Warn : StepStatus.Ok, fill + (nearly ? ": nearly full" : string.Empty)));
                continue;
            }

            var evidence = $"{fill}: the table is full, and a packet that needs a new entry is dropped (NETFILTER_DROP)";
            if (facts.Probe?.Answered == true)
            {
                // the probe's flow got through (an entry freed, or one it already had): new flows still meet a full table
                steps.Add(new DoctorStep("conntrack", StepStatus.Warn, evidence));
                continue;
            }

            steps.Add(new DoctorStep("conntrack", StepStatus.Drop, evidence));

            var cause = new DoctorCause(CauseKind.ConntrackFull, table.Where, null, evidence, $"net.netfilter.nf_conntrack_max = {table.Max}");
            if (table.Where == CauseLocation.Local)
            {
                // conntrack's output hook (priority -200) runs before the filter rules, so a full table is met first
                // the send's EPERM came from the full table, not from a rule, when the output ruleset accepted the packet
                if (facts.LocalOutput?.Accepted != false)
                {
                    causes.RemoveAll(c => c.Kind == CauseKind.LocalFirewall);
                    fixes.RemoveAll(f => f.On == FixHost.Local);
                }

                causes.Insert(0, cause);
                continue;
            }

            var silence = causes.FindIndex(c => c.Kind is CauseKind.PathFiltered or CauseKind.IcmpBlocked or CauseKind.NoListener && c.Rule is null);
            causes.Insert(silence < 0 ? causes.Count : silence, cause);
        }
    }
}
