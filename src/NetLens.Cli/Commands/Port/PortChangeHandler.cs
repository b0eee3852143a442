using NetLens.Cli.Hosting;
using NetLens.Cli.Output.Port;
using NetLens.Core.Services;
using NetLens.Engines.Port;
using NetLens.Linux.Namespaces;

namespace NetLens.Cli.Commands.Port;

/// <summary>
/// What open and close share around the engine: the checked request into the engine's change, the engine run with the
/// user's stop (held off while the firewall changes), and the result written with its exit code.
/// </summary>
internal static class PortChangeHandler
{
    public delegate Task<PortChangeOutcome> Change(PortChangeEngine engine, PortChange change, IProgress<ChangeRolledBack> recovered, CancellationToken cancellation);

    public static async Task<int> RunAsync(PortChangeRequest request, ServiceNaming naming, Change run, CliOutput output)
    {
        var options = request.Options;
        var change = new PortChange(
            request.Ports, request.Rules, request.Peer, options.Direction, request.Services, options.ServicesFile, naming,
            options.Backend, options.DryRun, options.Persist, options.PersistRoot);
        var engine = new PortChangeEngine(NetworkContext.For(options.Netns), output.Interruption.Hold);
        PortChangeOutcome outcome;
        try
        {
            outcome = await run(engine, change, new Said(r => output.Error.WriteLine(Recovered(r))), output.Interruption.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (output.Interruption.Requested)
        {
            // stopped while waiting for the lock, or before the first change: nothing was changed
            output.Error.WriteLine("netlens: error: interrupted before the change: nothing was changed");
            return output.Interruption.ExitCode!.Value;
        }

        if (outcome.Refusal is { } refusal)
        {
            output.Error.WriteLine($"netlens: error: {refusal}");
            return ExitCodes.Failure;
        }

        return Write(outcome.Result!, options, output);
    }

    /// <summary>
    /// Writes the result. Exit 1 when the port stays closed (a chain --backend left out still drops it), whatever
    /// was changed; else 0, or 130/143 when SIGINT/SIGTERM came during the change (which went in whole).
    /// </summary>
    private static int Write(PortChangeResult result, PortChangeOptions options, CliOutput output)
    {
        if (options.Json)
        {
            PlanJsonWriter.Write(output.Out, result, options);
        }
        else
        {
            foreach (var warning in result.Warnings)
            {
                output.Error.WriteLine($"netlens: warning: {warning}");
            }

            PlanTextWriter.Write(output.Out, result, options);
        }

        if (result.LeavesClosed)
        {
            output.Error.WriteLine($"netlens: error: the port {(result.DryRun ? "would still not be" : "is still not")} open: {string.Join("; ", result.Plan.StillDropping!)} (--backend left it out: run with --backend auto)");
        }

        return output.Interruption.ExitCode ?? (result.LeavesClosed ? ExitCodes.Failure : ExitCodes.Success);
    }

    private static string Recovered(ChangeRolledBack recovered) =>
        $"netlens: warning: an interrupted {recovered.Change} was rolled back{(recovered.Restored.Count > 0 ? $" ({string.Join(", ", recovered.Restored)} restored as they were before it)" : " (it had changed nothing yet)")}";

    /// <summary>Says a rollback at once, before the change it precedes (Progress&lt;T&gt; would post it to the pool).</summary>
    private sealed class Said(Action<ChangeRolledBack> write) : IProgress<ChangeRolledBack>
    {
        public void Report(ChangeRolledBack value) => write(value);
    }
}
