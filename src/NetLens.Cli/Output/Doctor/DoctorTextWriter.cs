using NetLens.Cli.Commands.Doctor;
using NetLens.Cli.Output.Json;
using NetLens.Cli.Output.Trace;
using NetLens.Core.Doctor;

namespace NetLens.Cli.Output.Doctor;

/// <summary>
/// doctor on a terminal: one line per step (status, step, evidence), then the verdict with its cause and the fixes,
/// like a cloud connectivity test's trace. Lines fit 80 columns but for long evidence, which is never cut.
/// </summary>
public static class DoctorTextWriter
{
    public static void Write(TextWriter output, DoctorOutcome outcome, bool verbose)
    {
        var (report, fixes, applied) = (outcome.Report, outcome.Fixes, outcome.Applied);
        var target = report.Target;
        var port = target.Spec.Port is { } p ? $" port {p}/{target.ProtocolWord}" : $" ({target.ProtocolWord} echo)";
        output.WriteLine($"doctor: {target.Spec.Host}{(target.Address is { } a && a.ToString() != target.Spec.Host ? $" ({a})" : string.Empty)}{port}");
        var width = report.Steps.Count == 0 ? 0 : report.Steps.Max(s => s.Kind.Length);
        foreach (var step in report.Steps)
        {
            output.WriteLine($"  {DoctorWords.Status(step.Status),-7} {step.Kind.PadRight(width)}  {step.Detail}");
        }

        output.WriteLine();
        var peer = fixes.FirstOrDefault(f => f.Fix.On == FixHost.Peer)?.Netns;
        output.WriteLine($"verdict: {Verdict(report, peer)}");

        foreach (var fix in fixes)
        {
            var done = applied?.Fixes.FirstOrDefault(f => f.Command == fix);
            var on = fix.Fix.On == FixHost.Peer ? "on the far side" : "on this host";
            if (done is null)
            {
                output.WriteLine($"fix ({on}): {fix.Open}");
            }
            else if (done.Error is { } error)
            {
                output.WriteLine($"fix ({on}) failed: {fix.Open}: {error}");
            }
            else
            {
                output.WriteLine($"fixed ({on}{(done.Changed ? string.Empty : ", already open")}): {fix.Open}");
                output.WriteLine($"  undo: {fix.Close}");
            }
        }

        if (outcome.AfterFix is { } after)
        {
            output.WriteLine($"after the fix: {Verdict(after, peer)}");
        }

        if (verbose)
        {
            output.WriteLine($"mechanisms: route {MechanismWords.Netlink}"
                + (report.PortMechanism is { Length: > 0 } m ? $", port {MechanismWords.Of(m)}" : string.Empty)
                + (report.PathMechanism is { } path ? $", path {MechanismWords.Of(path)}" : string.Empty));
        }
    }

    private static string Verdict(DoctorReport report, string? peer)
    {
        var cause = report.Cause;
        return report.Verdict switch
        {
            DoctorVerdict.Reachable => "reachable",
            DoctorVerdict.Degraded => "degraded: the destination answers, with loss",
            DoctorVerdict.Unknown => $"unknown: {cause.Evidence}",
            _ => $"blocked by {LossKindWords.Snake(cause.Kind.ToString())} on {DoctorWords.Where(cause, peer)}: {cause.Evidence}",
        };
    }
}
