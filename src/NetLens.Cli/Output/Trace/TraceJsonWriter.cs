using System.Net;
using NetLens.Cli.Output.Json;
using NetLens.Core.Trace;

namespace NetLens.Cli.Output.Trace;

/// <summary>Maps a finished trace to its JSON document; times are null for a hop that never answered.</summary>
public static class TraceJsonWriter
{
    /// <summary>The document; <paramref name="name"/> gives a host's reverse name (none when null or it returns null).</summary>
    public static void Write(TextWriter output, TraceRun run, Func<IPAddress, string?>? name = null)
    {
        var document = new TraceDocument(
            run.Target,
            run.Address.ToString(),
            MechanismWords.Of(run.Mechanism),
            run.Protocol.ToString().ToLowerInvariant(),
            run.Start,
            run.End,
            run.Rounds,
            run.Hops.Any(h => h.ReachedDestination),
            [.. run.Hops.Select(h => Hop(h, name, run.Flows))],
            TraceStopWords.Snake(run.StopReason),
            run.PacketSize,
            run.Flows,
            run.Interrupted ? true : null);
        JsonOutput.Write(output, document);
    }

    private static TraceHopDocument Hop(HopReport hop, Func<IPAddress, string?>? name, int flows)
    {
        var answered = hop.Received > 0;
        return new TraceHopDocument(
            hop.Ttl,
            [.. hop.Hosts.Select(h => Host(h, name, flows))],
            hop.Sent,
            hop.Received,
            Math.Round(hop.LossPercent, 1),
            answered ? Round(hop.LastMs) : null,
            answered ? Round(hop.AvgMs) : null,
            answered ? Round(hop.BestMs) : null,
            answered ? Round(hop.WorstMs) : null,
            answered ? Round(hop.StDevMs) : null,
            answered ? Round(hop.JitterMs) : null,
            LossKindWords.Json(hop.LossKind),
            LossKindWords.Json(hop.LatencyKind),
            hop.Code is { } code ? new TraceUnreachableDocument(code.Type, code.Code, code.Mark, code.Meaning) : null);
    }

    private static TraceHostDocument Host(HopHost host, Func<IPAddress, string?>? name, int flows) => new(
        host.Address.ToString(),
        name?.Invoke(host.Address),
        host.Replies,
        Math.Round(host.SharePercent, 1),
        host.Mpls.Count == 0 ? null : [.. host.Mpls.Select(m => new TraceMplsDocument(m.Label, m.TrafficClass, m.BottomOfStack ? 1 : 0, m.Ttl))],
        flows > 1 ? host.Flows : null);

    // Microsecond precision: more would be noise from the scheduler.
    private static double Round(double ms) => Math.Round(ms, 3);
}
