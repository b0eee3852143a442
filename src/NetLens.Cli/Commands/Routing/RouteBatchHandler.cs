using System.Runtime;
using NetLens.Cli.Commands.Routing.Batch;
using NetLens.Cli.Hosting;
using NetLens.Cli.Output.Routing;
using NetLens.Cli.Snapshots;
using NetLens.Core;
using NetLens.Core.Routing.Lookup;
using NetLens.Linux.Config;
using NetLens.Linux.Processes;
using NetLens.Linux.Routing;

namespace NetLens.Cli.Commands.Routing;

/// <summary>
/// `route get --batch FILE|-`: every line checked first (nothing is answered when one is malformed), then one
/// snapshot, answers in-process, the kernel asked only for lines the engine cannot reproduce.
/// </summary>
public static class RouteBatchHandler
{
    public static int Run(string batchPath, RouteGetOptions options, CliOutput output)
    {
        if (options.Json || options.Explain)
        {
            throw new UsageException("--batch prints one line per question; --json and --explain work with a single ADDR");
        }

        var text = ReadAll(batchPath);
        var skipping = SkipCollections(text.Length);
        try
        {
            return Answer(text, batchPath, options, output);
        }
        finally
        {
            EndSkipping(skipping);
        }
    }

    private static int Answer(string text, string batchPath, RouteGetOptions options, CliOutput output)
    {
        using var kernel = options.SnapshotPath is null ? OpenKernel(options) : null;

        // The snapshot is read and indexed on a second thread while this one reads and checks the questions.
        var tables = Task.Run(() =>
        {
            var snapshot = kernel is null ? RoutingSnapshotFile.Load(options.SnapshotPath!) : RoutingSnapshotReader.Read(kernel);
            var engine = new RouteLookupEngine(snapshot);
            return (engine, new BatchRouteLookup(engine));
        });
        BatchQuestions questions;
        try
        {
            questions = BatchQuestions.Parse(text, new BatchQuestionParser(options), BatchName(batchPath));
        }
        finally
        {
            // Nothing is answered (and nothing left running) when a line is bad.
            ((IAsyncResult)tables).AsyncWaitHandle.WaitOne();
        }

        var (engine, fast) = tables.GetAwaiter().GetResult();
        var words = new RouteWords(IpNamesFiles.OnDemand(), engine.Snapshot.InterfaceNames, engine.Snapshot.Rules);
        using var asker = kernel is null ? null : new KernelAnswers(kernel);
        var answers = new BatchAnswerer(engine, fast, asker, words, CurrentUser.Uid, questions);
        answers.Write(output.Out);
        if (options.Verbose)
        {
            output.Error.WriteLine($"netlens: {answers.InProcess} answered in-process, {answers.AskedKernel} asked of the kernel"
                + (answers.Disagreed > 0 ? $" ({answers.Disagreed} fast-path decisions overruled by the engine)" : string.Empty));
        }

        return ExitCodes.Success;
    }

    /// <summary>
    /// A big batch keeps everything it allocates to the end (snapshot, indexes, questions), so collections only rescan
    /// live data: about a fifth of the run for a million questions. Up to 1 GiB of allocation proceeds without them;
    /// past that, or where the runtime refuses, collections simply resume.
    /// </summary>
    private static bool SkipCollections(int textLength)
    {
        const long MaxBudget = 1L << 30;
        if (textLength < 1 << 20 || GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
        {
            return false;
        }

        try
        {
            return GC.TryStartNoGCRegion(Math.Min(MaxBudget, (64L * 1024 * 1024) + (textLength * 12L)));
        }
        catch (ArgumentOutOfRangeException)
        {
            // More than this runtime allows in one region: run with collections.
            return false;
        }
    }

    private static void EndSkipping(bool skipping)
    {
        try
        {
            if (skipping && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
            {
                GC.EndNoGCRegion();
            }
        }
        catch (InvalidOperationException)
        {
            // The budget ran out and collections already resumed.
        }
    }

    private static RouteNetlink OpenKernel(RouteGetOptions options) =>
        options.Netns is { } ns ? RouteNetlink.OpenInNamespace(ns) : RouteNetlink.Open();

    private static string BatchName(string path) => path == "-" ? "stdin" : path;

    private static string ReadAll(string path)
    {
        try
        {
            if (path != "-")
            {
                return File.ReadAllText(path);
            }

            using var stdin = new StreamReader(Console.OpenStandardInput());
            return stdin.ReadToEnd();
        }
        catch (IOException e)
        {
            throw new UsageException($"cannot read {path}: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new UsageException($"cannot read {path}: {e.Message}");
        }
    }
}
