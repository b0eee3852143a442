using System.Text.Json.Serialization;
using NetLens.Cli.Commands.Doctor;
using NetLens.Cli.Output.Json;
using NetLens.Cli.Output.Trace;
using NetLens.Core.Doctor;

namespace NetLens.Cli.Output.Doctor;

/// <summary>`doctor --json`: the contract scripts and `serve` read (docs/schema/doctor.schema.json).</summary>
public sealed record DoctorDocument(
    DoctorTargetJson Target,
    string Verdict,
    DoctorCauseJson Cause,
    IReadOnlyList<DoctorStepJson> Steps,
    IReadOnlyList<DoctorFixJson> Fixes,
    IReadOnlyList<DoctorDropJson> Drops,
    DoctorMechanismsJson Mechanisms,
    DoctorAfterFixJson? AfterFix);

/// <summary>The same probes run again after --fix applied the openings.</summary>
public sealed record DoctorAfterFixJson(string Verdict, DoctorCauseJson Cause);

public sealed record DoctorTargetJson(string Host, string? Address, int? Port, string Protocol);

public sealed record DoctorCauseJson(
    string Kind,
    string Where,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? Hop,
    string Evidence,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Rule);

public sealed record DoctorStepJson(string Kind, string Status, string Detail);

/// <summary>A fix: where, the command, the command that undoes it; with --fix, whether it was applied and what stopped it.</summary>
public sealed record DoctorFixJson(string On, string Command, string Undo, bool? Applied, bool? Changed, string? Error);

public sealed record DoctorDropJson(string Reason, string Location, int Count);

/// <summary>How the path was traced and the port probed, in the mechanisms' one spelling.</summary>
public sealed record DoctorMechanismsJson(string? Path, string? Port, string Route);

public static class DoctorJsonWriter
{
    public static void Write(TextWriter output, DoctorOutcome outcome)
    {
        var (report, fixes, applied, after) = (outcome.Report, outcome.Fixes, outcome.Applied, outcome.AfterFix);
        var target = report.Target;
        var document = new DoctorDocument(
            new DoctorTargetJson(target.Spec.Host, target.Address?.ToString(), target.Spec.Port, target.ProtocolWord),
            DoctorWords.Verdict(report.Verdict),
            Cause(report.Cause),
            [.. report.Steps.Select(s => new DoctorStepJson(s.Kind, DoctorWords.Status(s.Status), s.Detail))],
            [.. fixes.Select(f =>
            {
                var done = applied?.Fixes.FirstOrDefault(a => a.Command == f);
                return new DoctorFixJson(f.OnWord, f.Open, f.Close, done is null ? null : done.Error is null, done?.Changed, done?.Error);
            })],
            [.. report.Drops.Select(d => new DoctorDropJson(d.Reason, d.Location, d.Count))],
            new DoctorMechanismsJson(
                report.PathMechanism is { } path ? MechanismWords.Of(path) : null,
                report.PortMechanism is { Length: > 0 } port ? MechanismWords.Of(port) : null,
                MechanismWords.Netlink),
            after is null ? null : new DoctorAfterFixJson(DoctorWords.Verdict(after.Verdict), Cause(after.Cause)));
        JsonOutput.Write(output, document);
    }

    private static DoctorCauseJson Cause(DoctorCause cause) =>
        new(LossKindWords.Snake(cause.Kind.ToString()), cause.Where.ToString().ToLowerInvariant(), cause.Hop, cause.Evidence, cause.Rule);
}
