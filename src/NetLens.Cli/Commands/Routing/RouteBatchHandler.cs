using NetLens.Cli.Commands.Routing.Batch;
using NetLens.Cli.Hosting;
using NetLens.Cli.Output.Routing;
using NetLens.Cli.Snapshots;
using NetLens.Core;
using NetLens.Engines.Routing.Batch;
using NetLens.Linux.Config;
using NetLens.Linux.Namespaces;
using NetLens.Linux.Processes;

namespace NetLens.Cli.Commands.Routing;

/// <summary>
/// `route get --batch FILE|-`: binds the command line's options as every line's defaults, has the batch engine answer
/// each line into stdout (as ip's lines, or with --json one object each), and with --verbose says how the answers were found and when each phase ended.
/// </summary>
public static class RouteBatchHandler
{
    public static async Task<int> RunAsync(string batchPath, RouteGetOptions options, CliOutput output)
    {
        if (options.Explain)
        {
            throw new UsageException("--batch prints one line per question; --explain works with a single ADDR");
        }

        var input = BatchInput.Read(batchPath);
        var request = new RouteBatchRequest(
            input,
            new BatchQuestionParser(options),
            snapshot => new RouteFirstLines(new RouteWords(IpNamesFiles.OnDemand(), snapshot.InterfaceNames, snapshot.Rules)),
            options.SnapshotPath is { } path ? () => RoutingSnapshotFile.Load(path) : null,
            CurrentUser.Uid);
        RouteBatchReport report;

        // --json: the same answer lines, each turned into one JSON object as it is written (the last one at the dispose)
        using (var json = options.Json ? new BatchJsonLinesWriter(output.Out) : null)
        {
            try
            {
                report = await new RouteBatchEngine(NetworkContext.For(options.Netns))
                    .AnswerAsync(request, AnswerStream.For(json ?? output.Out), output.Interruption.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (output.Interruption.Requested)
            {
                // The answers written so far are on stdout, in order; the rest was not asked.
                return output.Interruption.ExitCode!.Value;
            }
        }

        if (options.Verbose)
        {
            var t = report.Timings;
            output.Error.WriteLine($"netlens: {report.InProcess} answered in-process, {report.AskedKernel} asked of the kernel"
                + (report.Disagreed > 0 ? $" ({report.Disagreed} fast-path decisions overruled by the engine)" : string.Empty));
            output.Error.WriteLine($"netlens: questions read and checked at {Ms(t.QuestionsRead)}; snapshot read at {Ms(t.SnapshotRead)}, indexed at {Ms(t.SnapshotIndexed)}, fast tables at {Ms(t.TablesBuilt)}; "
                + $"decided at {Ms(t.Decided)}, kernel answers in at {Ms(t.KernelAnswered)}, written at {Ms(t.Written)} (since start of the batch)");
        }

        return ExitCodes.Success;
    }

    private static string Ms(TimeSpan time) => $"{time.TotalMilliseconds:0} ms";
}
