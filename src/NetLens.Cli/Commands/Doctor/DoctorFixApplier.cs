using NetLens.Cli.Commands.Port;
using NetLens.Cli.Hosting;
using NetLens.Cli.Output.Doctor;
using NetLens.Core.Doctor;
using NetLens.Core.Firewall.Planning;
using NetLens.Core.Services;
using NetLens.Engines.Port;
using NetLens.Linux.Namespaces;

namespace NetLens.Cli.Commands.Doctor;

/// <summary>One run of doctor for the writers: the diagnosis, the fixes as commands, what --fix applied, and the diagnosis after it.</summary>
public sealed record DoctorOutcome(DoctorReport Report, IReadOnlyList<DoctorFixCommand> Fixes, AppliedFixes? Applied, DoctorReport? AfterFix);

/// <summary>What --fix did: each opening applied (or why not), and whether any failed.</summary>
public sealed record AppliedFixes(IReadOnlyList<AppliedFix> Fixes)
{
    public bool Failed => Fixes.Any(f => f.Error is not null);
}

/// <summary>One opening: the command it is, whether it changed the ruleset, or the error that stopped it (nothing of it applied).</summary>
public sealed record AppliedFix(DoctorFixCommand Command, bool Changed, string? Error);

/// <summary>
/// --fix: each proposed opening goes through `port open`'s own request checks and the port change engine (lock,
/// journal, one transaction, rollback), in the namespace of the host it is for.
/// </summary>
internal static class DoctorFixApplier
{
    public static async Task<AppliedFixes> ApplyAsync(DoctorReport report, DoctorOptions options, CliOutput output)
    {
        var applied = new List<AppliedFix>();
        foreach (var command in DoctorFixWords.Commands(report, options))
        {
            var fix = command.Fix;
            var portOptions = new PortChangeOptions
            {
                Spec = fix.PortSpec,
                Direction = fix.Direction == "out" ? PortDirection.Out : PortDirection.In,
                From = fix.Direction == "out" ? null : fix.Peer?.ToString(),
                Peer = fix.Direction == "out" ? fix.Peer?.ToString() : null,
                ServicesFile = options.ServicesFile,
                Netns = command.Netns,
            };
            var request = PortChangeRequest.From(portOptions);
            var change = new PortChange(request.Ports, request.Rules, request.Peer, portOptions.Direction, request.Services, portOptions.ServicesFile,
                ServiceNaming.None, portOptions.Backend, DryRun: false, Persist: false, portOptions.PersistRoot);
            var engine = new PortChangeEngine(NetworkContext.For(command.Netns), output.Interruption.Hold);
            var outcome = await engine.OpenAsync(change, null, output.Interruption.Token).ConfigureAwait(false);
            applied.Add(outcome.Refusal is { } refusal
                ? new AppliedFix(command, false, refusal)
                : new AppliedFix(command, outcome.Result!.Changed, outcome.Result.LeavesClosed ? "the port is still not open: another chain drops it" : null));
        }

        return new AppliedFixes(applied);
    }
}
