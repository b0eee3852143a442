using System.Net;
using NetLens.Cli.Hosting;
using NetLens.Cli.Output.Doctor;
using NetLens.Cli.Parsing;
using NetLens.Core;
using NetLens.Core.Doctor;
using NetLens.Engines.Doctor;
using NetLens.Linux.Namespaces;
using NetLens.Linux.Processes;

namespace NetLens.Cli.Commands.Doctor;

/// <summary>Binds doctor to its engine, applies the fixes when asked, and writes the step trace with its exit code.</summary>
public static class DoctorHandler
{
    public static async Task<int> RunAsync(DoctorOptions options, CliOutput output, CancellationToken cancel)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel, output.Interruption.Token);
        var request = new DoctorRequest
        {
            Spec = options.Spec,
            From = options.From is { } from ? ParseAddress(from) : null,
            InputInterface = options.InputInterface,
            Mark = options.Mark is { } mark ? NumberText.ParseUInt32(mark, "--mark") : null,
            Uid = options.Uid is { } uid ? NumberText.ParseUInt32(uid, "--uid") : null,
            Network = NetworkContext.For(options.Netns),
            PeerNetns = options.PeerNetns,
            Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
            ServicesFile = options.ServicesFile,
            CallerUid = CurrentUser.Uid,
        };
        var engine = new DoctorEngine();
        var report = await engine.DiagnoseAsync(request, stop.Token).ConfigureAwait(false);
        var fixes = DoctorFixWords.Commands(report, options);
        var applied = options.Fix && fixes.Count > 0 ? await DoctorFixApplier.ApplyAsync(report, options, output).ConfigureAwait(false) : null;

        // The fix is proven the way the problem was found: the same probes again.
        var after = applied is { Failed: false } ? await engine.DiagnoseAsync(request, stop.Token).ConfigureAwait(false) : null;

        // A blocked run can leave the next hop's neighbour entry FAILED (no ARP answer came back through the dropped
        // tunnel); the kernel refuses packets with host-unreachable until it probes again, so one more look a second on.
        if (after is { Verdict: not DoctorVerdict.Reachable } && report.Steps.Any(s => s.Kind == "neighbour" && s.Status == StepStatus.Drop))
        {
            await Task.Delay(TimeSpan.FromSeconds(1.5), stop.Token).ConfigureAwait(false);
            after = await engine.DiagnoseAsync(request, stop.Token).ConfigureAwait(false);
        }
        var outcome = new DoctorOutcome(report, fixes, applied, after);
        if (options.Json)
        {
            DoctorJsonWriter.Write(output.Out, outcome);
        }
        else
        {
            DoctorTextWriter.Write(output.Out, outcome, options.Verbose);
        }

        if (applied is { Failed: true })
        {
            return ExitCodes.Failure;
        }

        return output.Interruption.ExitCode ?? ((after ?? report).Verdict == DoctorVerdict.Reachable ? ExitCodes.Success : ExitCodes.Failure);
    }

    private static IPAddress ParseAddress(string text) =>
        IPAddress.TryParse(text, out var address) ? address : throw new UsageException($"--from {InputText.Quote(text)} is not an address");
}
