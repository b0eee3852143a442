using System.Runtime;
using NetLens.Cli.Commands.Routing.Batch;
using NetLens.Cli.Hosting;
using NetLens.Cli.Output.Routing;
using NetLens.Cli.Snapshots;
using NetLens.Core;
using NetLens.Core.Routing.Lookup;
using NetLens.Linux.Config;
using NetLens.Linux.Memory;
using NetLens.Linux.Processes;
using NetLens.Linux.Routing;

namespace NetLens.Cli.Commands.Routing;

/// <summary>
/// `route get --batch FILE|-`: every line checked first (nothing is answered when one is malformed), then one
/// snapshot, answers in-process, the kernel asked only for lines the engine cannot reproduce.
/// </summary>
public static class RouteBatchHandler
{
    // From this size on (about 40,000 questions) a batch runs without collections, on huge pages where the kernel allows.
    private const int BigBatch = 1 << 20;

    public static async Task<int> RunAsync(string batchPath, RouteGetOptions options, CliOutput output)
    {
        if (options.Explain)
        {
            throw new UsageException("--batch prints one line per question; --explain works with a single ADDR");
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        if (MayBeBig(batchPath))
        {
            // Before the batch is read, so the buffer it is read into lies on huge pages too.
            HugePageAdvice.AdviseManagedHeap();
        }

        var (text, length) = ReadAll(batchPath);
        var skipping = SkipCollections(length);
        try
        {
            return await AnswerAsync(text, length, batchPath, options, output, clock).ConfigureAwait(false);
        }
        finally
        {
            EndSkipping(skipping);
        }
    }

    private static async Task<int> AnswerAsync(byte[] text, int length, string batchPath, RouteGetOptions options, CliOutput output, System.Diagnostics.Stopwatch clock)
    {
        using var kernel = options.SnapshotPath is null ? OpenKernel(options) : null;

        // The snapshot is read and indexed on a second thread while this one reads and checks the questions.
        var tables = Task.Run(() =>
        {
            var snapshot = kernel is null ? RoutingSnapshotFile.Load(options.SnapshotPath!) : RoutingSnapshotReader.Read(kernel);
            var read = clock.Elapsed;
            var engine = new RouteLookupEngine(snapshot);
            var indexed = clock.Elapsed;
            var fast = new BatchRouteLookup(engine);
            if (length >= BigBatch)
            {
                fast.DecideAhead();
            }

            return (engine, fast, read, indexed, clock.Elapsed);
        });
        BatchQuestions questions;
        try
        {
            questions = BatchQuestions.Parse(text, length, new BatchQuestionParser(options), BatchName(batchPath));
        }
        catch
        {
            // Nothing is answered (and nothing left running) when a line is bad: the snapshot's thread ends first, and
            // the bad line is the error whatever became of the snapshot.
            await Task.WhenAny(tables).ConfigureAwait(false);
            throw;
        }

        var questionsRead = clock.Elapsed;
        var (engine, fast, snapshotRead, snapshotIndexed, tablesBuilt) = await tables.ConfigureAwait(false);
        var words = new RouteWords(IpNamesFiles.OnDemand(), engine.Snapshot.InterfaceNames, engine.Snapshot.Rules);
        using var asker = kernel is null ? null : new KernelAnswers(kernel);
        var answers = new BatchAnswerer(engine, fast, asker, words, CurrentUser.Uid, questions, clock);
        if (options.Json)
        {
            using var lines = new BatchJsonLinesWriter(output.Out);
            answers.Write(lines);
        }
        else
        {
            answers.Write(output.Out);
        }

        if (options.Verbose)
        {
            output.Error.WriteLine($"netlens: {answers.InProcess} answered in-process, {answers.AskedKernel} asked of the kernel"
                + (answers.Disagreed > 0 ? $" ({answers.Disagreed} fast-path decisions overruled by the engine)" : string.Empty));
            output.Error.WriteLine($"netlens: questions read and checked at {Ms(questionsRead)}; snapshot read at {Ms(snapshotRead)}, indexed at {Ms(snapshotIndexed)}, fast tables at {Ms(tablesBuilt)}; "
                + $"decided at {Ms(answers.Decided)}, kernel answers in at {Ms(answers.KernelAnswered)}, written at {Ms(clock.Elapsed)} (since start of the batch)");
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
        if (textLength < BigBatch || GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
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

    private static string Ms(TimeSpan time) => $"{time.TotalMilliseconds:0} ms";

    private static RouteNetlink OpenKernel(RouteGetOptions options) =>
        options.Netns is { } ns ? RouteNetlink.OpenInNamespace(ns) : RouteNetlink.Open();

    /// <summary>A file of at least <see cref="BigBatch"/> bytes, or stdin whose size is not known ahead (a pipe).</summary>
    private static bool MayBeBig(string path)
    {
        if (path != "-")
        {
            return File.Exists(path) && new FileInfo(path).Length >= BigBatch;
        }

        var size = StdinSize();
        return size == 0 || size >= BigBatch;
    }

    private static int StdinSize()
    {
        try
        {
            using var handle = new Microsoft.Win32.SafeHandles.SafeFileHandle(0, ownsHandle: false);
            var length = RandomAccess.GetLength(handle);
            return length is > 0 and < int.MaxValue / 2 ? (int)length : 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return 0;
        }
    }

    private static string BatchName(string path) => path == "-" ? "stdin" : path;

    /// <summary>The batch's bytes (a buffer and how much of it is filled): read whole, never decoded to a string.</summary>
    private static (byte[] Text, int Length) ReadAll(string path)
    {
        try
        {
            if (path != "-")
            {
                var bytes = File.ReadAllBytes(path);
                return (bytes, bytes.Length);
            }

            using var stdin = Console.OpenStandardInput();

            // Redirected from a file (`< questions`), stdin has a size: one buffer of it, not a chain of doublings
            // whose copies would be fresh memory to fault in. A pipe starts at 4 MiB and doubles.
            var buffer = new byte[Math.Max(StdinSize() + 1, 1 << 22)];
            var used = 0;
            int read;
            while ((read = stdin.Read(buffer, used, buffer.Length - used)) > 0)
            {
                used += read;
                if (used == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }
            }

            return (buffer, used);
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
