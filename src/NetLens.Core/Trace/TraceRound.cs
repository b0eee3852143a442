namespace NetLens.Core.Trace;

/// <summary>
/// One whole round of a trace: a result for every TTL up to the destination (or the highest TTL) and every flow, in the
/// order they came in. Probes sent past the destination before it was known are left out.
/// </summary>
public sealed record TraceRound(int Number, IReadOnlyList<ProbeResult> Results);
