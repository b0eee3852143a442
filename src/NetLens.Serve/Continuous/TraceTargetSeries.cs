namespace NetLens.Serve.Continuous;

/// <summary>
/// One continuous target's per-hop series after some trace rounds: the sent/received counters of every (hop, address)
/// seen since the target was listed (kept when the address leaves the path, as Prometheus client libraries keep a
/// counter, so increase() over a window that spans a re-route stays right), the last round (the gauges), and the round
/// and path-change counts. Immutable: <see cref="After"/> returns the next state, so it is tested from synthetic rounds.
/// </summary>
public sealed record TraceTargetSeries(ContinuousTarget Target)
{
    public IReadOnlyDictionary<(int Hop, string Address), (long Sent, long Received)> Counters { get; init; } = new Dictionary<(int, string), (long, long)>();

    /// <summary>The last round, null before the first.</summary>
    public TraceRoundSummary? Last { get; init; }

    public long Rounds { get; init; }

    /// <summary>Rounds whose path id differed from the round before; the first round is no change.</summary>
    public long PathChanges { get; init; }

    public TraceTargetSeries After(TraceRoundSummary round)
    {
        var counters = new Dictionary<(int Hop, string Address), (long Sent, long Received)>(Counters);
        foreach (var hop in round.Hops)
        {
            var (sent, received) = counters.GetValueOrDefault((hop.Hop, hop.Address));
            counters[(hop.Hop, hop.Address)] = (sent + hop.Sent, received + hop.Received);
        }

        var changed = Last is not null && Last.PathId != round.PathId;
        return this with { Counters = counters, Last = round, Rounds = Rounds + 1, PathChanges = PathChanges + (changed ? 1 : 0) };
    }
}
