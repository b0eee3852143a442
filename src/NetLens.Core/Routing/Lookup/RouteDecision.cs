namespace NetLens.Core.Routing.Lookup;

/// <summary>Everything `route get --explain` says about one question: the engine's trace and the final answer.</summary>
/// <param name="Target">The address asked about (and the name it came from).</param>
/// <param name="Request">The question.</param>
/// <param name="Engine">The engine's result with its trace.</param>
/// <param name="Answer">The route (the engine's, or the kernel's where the engine deferred), null when there is none.</param>
/// <param name="Errno">The refusal's errno when there is no route; 0 otherwise.</param>
/// <param name="Error">The refusal in strerror's words, or why a snapshot cannot answer.</param>
/// <param name="AnsweredByKernel">True when the engine deferred and the kernel gave the answer.</param>
/// <param name="Source">"kernel" for a snapshot read from the kernel now, else the snapshot file's path.</param>
public sealed record RouteDecision(
    ResolvedTarget Target,
    RouteLookupRequest Request,
    LookupResult Engine,
    Route? Answer,
    int Errno,
    string? Error,
    bool AnsweredByKernel,
    string Source)
{
    public bool Found => Answer is not null;
}
