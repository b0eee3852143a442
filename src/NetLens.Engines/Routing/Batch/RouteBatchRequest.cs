namespace NetLens.Engines.Routing.Batch;

/// <summary>One `route get --batch`: the questions as read, how a line is parsed and an answer worded, where the routes come from.</summary>
/// <param name="Input">The batch's bytes, its name for errors and when reading it began.</param>
/// <param name="Lines">Reads one line's question.</param>
/// <param name="Words">The answer words over the snapshot the batch is answered from.</param>
/// <param name="SavedSnapshot">Loads a saved snapshot to answer from instead of the kernel's tables (no kernel is asked); null for the kernel.</param>
/// <param name="CallerUid">The uid rules see when a question names none.</param>
public sealed record RouteBatchRequest(
    BatchInput Input,
    IBatchLineParser Lines,
    Func<Core.Routing.RoutingSnapshot, IRouteLineFormat> Words,
    Func<Core.Routing.RoutingSnapshot>? SavedSnapshot,
    uint CallerUid);
