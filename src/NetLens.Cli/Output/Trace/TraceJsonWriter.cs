using System.Text.Json;
using NetLens.Core.Trace;

namespace NetLens.Cli.Output.Trace;

/// <summary>Maps a finished trace to its JSON document; times are null for a hop that never answered.</summary>
public static class TraceJsonWriter
{
    public static void Write(TextWriter output, TraceRun run)
    {
        var document = new TraceDocument(
            run.Target,
            run.Address.ToString(),
            LossKindWords.Snake(run.Mechanism.ToString()),
            run.Protocol.ToString().ToLowerInvariant(),
            run.Start,
            run.End,
            run.Rounds,
            run.Hops.Any(h => h.ReachedDestination),
            [.. run.Hops.Select(h => Hop(h, run.Flows))],
            run.Flows);
        output.WriteLine(JsonSerializer.Serialize(document, TraceJsonContext.Default.TraceDocument));
    }

    private static TraceHopDocument Hop(HopReport hop, int flows)
    {
        var answered = hop.Received > 0;
        return new TraceHopDocument(
            hop.Ttl,
            [.. hop.Hosts.Select(h => new TraceHostDocument(h.Address.ToString(), null, h.Replies, Math.Round(h.SharePercent, 1), flows > 1 ? h.Flows : null))],
            hop.Sent,
            hop.Received,
            Math.Round(hop.LossPercent, 1),
            answered ? Round(hop.LastMs) : null,
            answered ? Round(hop.AvgMs) : null,
            answered ? Round(hop.BestMs) : null,
            answered ? Round(hop.WorstMs) : null,
            answered ? Round(hop.StDevMs) : null,
            answered ? Round(hop.JitterMs) : null,
            LossKindWords.Json(hop.LossKind));
    }

    // Microsecond precision: more would be noise from the scheduler.
    private static double Round(double ms) => Math.Round(ms, 3);
}
