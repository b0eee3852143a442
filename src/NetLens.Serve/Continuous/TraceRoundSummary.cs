using NetLens.Core.Trace;
using NetLens.Serve.Probing;

namespace NetLens.Serve.Continuous;

/// <summary>One hop of a continuous trace round as its series label it: TTL, its main address ("" when silent), its counts, loss kind and round trips in ms.</summary>
public sealed record TraceHopSample(int Hop, string Address, int Sent, int Received, LossKind LossKind, double LastMs, double MinMs, double AvgMs, double MaxMs);

/// <summary>What one continuous trace round leaves for the series: its hops in TTL order and the path's id.</summary>
public sealed record TraceRoundSummary(IReadOnlyList<TraceHopSample> Hops)
{
    /// <summary>The same id the trace module labels its hops with, over the same main addresses.</summary>
    public string PathId { get; } = TracePathId.Of([.. Hops.Select(h => h.Address)]);

    /// <summary>Hops to the destination: the TTL of the last hop (as probe_trace_hops), 0 for none.</summary>
    public int HopCount => Hops.Count > 0 ? Hops[^1].Hop : 0;

    public static TraceRoundSummary From(TraceRun run) =>
        new([.. run.Hops.Select(h => new TraceHopSample(h.Ttl, TraceModuleProbe.MainAddress(h), h.Sent, h.Received, h.LossKind, h.LastMs, h.BestMs, h.AvgMs, h.WorstMs))]);
}
