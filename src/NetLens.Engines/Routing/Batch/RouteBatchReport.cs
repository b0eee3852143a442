namespace NetLens.Engines.Routing.Batch;

/// <summary>
/// How a batch was answered: how many questions in-process and how many by the kernel, and when each phase ended
/// (since reading the batch began).
/// </summary>
public sealed record RouteBatchReport(long InProcess, long AskedKernel, long Disagreed, RouteBatchTimings Timings);

/// <summary>When each phase of a batch ended, since reading it began; the snapshot is read on a thread of its own meanwhile.</summary>
public sealed record RouteBatchTimings(
    TimeSpan QuestionsRead, TimeSpan SnapshotRead, TimeSpan SnapshotIndexed, TimeSpan TablesBuilt, TimeSpan Decided, TimeSpan KernelAnswered, TimeSpan Written);
