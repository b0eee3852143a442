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
    public static void Write(TextWriter output, DoctorReport report, IReadOnlyList<DoctorFixCommand> fixes, AppliedFixes? applied, bool verbose)
    {
        var target = report.Target;
        var port = target.Spec.Port is { } p ? $" port {p}/{target.ProtocolWord}" : $" ({target.ProtocolWord} echo)";
        output.WriteLine($"doctor: {target.Spec.Host}{(target.Address is { } a && a.ToString() != target.Spec.Host ? $" ({a})" : string.Empty)}{port}");
        var width = report.Steps.Count == 0 ? 0 : report.Steps.Max(s => s.Kind.Length);
        foreach (var step in report.Steps)
        {
            output.WriteLine($"  {DoctorWords.Status(step.Status),-7} {step.Kind.PadRight(width)}  {step.Detail}");
        }

        output.WriteLine();
        var cause = report.Cause;
        var peer = fixes.FirstOrDefault(f => f.Fix.On == FixHost.Peer)?.Netns;
        output.WriteLine(report.Verdict switch
        {
            DoctorVerdict.Reachable => "verdict: reachable",
            DoctorVerdict.Degraded => "verdict: degraded: the destination answers, with loss",
            DoctorVerdict.Unknown => $"verdict: unknown: {cause.Evidence}",
            _ => $"verdict: blocked by {LossKindWords.Snake(cause.Kind.ToString())} on {DoctorWords.Where(cause, peer)}: {cause.Evidence}",
        });

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

        if (verbose)
        {
            output.WriteLine($"mechanisms: route {MechanismWords.Netlink}"
                + (report.PortMechanism is { Length: > 0 } m ? $", port {MechanismWords.Of(m)}" : string.Empty)
                + (report.PathMechanism is { } path ? $", path {MechanismWords.Of(path)}" : string.Empty));
        }
    }
}
