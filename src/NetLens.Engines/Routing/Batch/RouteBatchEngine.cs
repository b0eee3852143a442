using System.Runtime;
using NetLens.Core.Routing.Lookup;
using NetLens.Linux.Namespaces;
using NetLens.Linux.Routing;

namespace NetLens.Engines.Routing.Batch;

/// <summary>
/// `route get --batch`: every line checked first (nothing is answered when one is malformed), then one snapshot,
/// answers in-process, the kernel asked only for lines the in-process engine cannot reproduce. Answers stream into the
/// caller's stream in order, one line each, as they are formatted.
/// </summary>
public sealed class RouteBatchEngine(NetworkContext context)
{
    /// <summary>
    /// Answers every question of <paramref name="request"/> into <paramref name="answers"/> (UTF-8, one line each);
    /// a bad line is a <see cref="Core.UsageException"/> before anything is written. Cancelled, it stops between runs
    /// of lines: what was written stays written.
    /// </summary>
    public async Task<RouteBatchReport> AnswerAsync(RouteBatchRequest request, Stream answers, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        var skipping = SkipCollections(request.Input);
        try
        {
            return await AnswerWithinAsync(request, answers, cancellation).ConfigureAwait(false);
        }
        finally
        {
            EndSkipping(skipping);
        }
    }

    private async Task<RouteBatchReport> AnswerWithinAsync(RouteBatchRequest request, Stream answers, CancellationToken cancellation)
    {
        var input = request.Input;
        using var kernel = request.SavedSnapshot is null ? context.Run(RouteNetlink.Open) : null;

        // The snapshot is read and indexed on a second thread while this one reads and checks the questions.
        var tables = Task.Run(() =>
        {
            var snapshot = kernel is null ? request.SavedSnapshot!() : RoutingSnapshotReader.Read(kernel);
            var read = input.Elapsed;
            var engine = new RouteLookupEngine(snapshot);
            var indexed = input.Elapsed;
            var fast = new BatchRouteLookup(engine);
            if (input.IsBig)
            {
                fast.DecideAhead();
            }

            return (engine, fast, read, indexed, input.Elapsed);
        });
        BatchQuestions questions;
        try
        {
            questions = BatchQuestions.Parse(input.Text, input.Length, request.Lines, input.Name);
        }
        catch
        {
            // Nothing is answered (and nothing left running) when a line is bad: the snapshot's thread ends first, and
            // the bad line is the error whatever became of the snapshot.
            await Task.WhenAny(tables).ConfigureAwait(false);
            throw;
        }

        var questionsRead = input.Elapsed;
        var (engine, fast, snapshotRead, snapshotIndexed, tablesBuilt) = await tables.ConfigureAwait(false);
        var words = request.Words(engine.Snapshot);
        using var asker = kernel is null ? null : new KernelAnswers(kernel);
        var answerer = new BatchAnswerer(engine, fast, asker, words, request.CallerUid, questions, input);
        answerer.Write(answers, cancellation);
        var timings = new RouteBatchTimings(
            questionsRead, snapshotRead, snapshotIndexed, tablesBuilt, answerer.Decided, answerer.KernelAnswered, input.Elapsed);
        return new RouteBatchReport(answerer.InProcess, answerer.AskedKernel, answerer.Disagreed, timings);
    }

    /// <summary>
    /// A big batch keeps everything it allocates to the end (snapshot, indexes, questions), so collections only rescan
    /// live data: about a fifth of the run for a million questions. Up to 1 GiB of allocation proceeds without them;
    /// past that, or where the runtime refuses, collections simply resume.
    /// </summary>
    private static bool SkipCollections(BatchInput input)
    {
        const long MaxBudget = 1L << 30;
        if (!input.IsBig || GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
        {
            return false;
        }

        try
        {
            return GC.TryStartNoGCRegion(Math.Min(MaxBudget, (64L * 1024 * 1024) + (input.Length * 12L)));
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
}
