namespace NetLens.Core.Trace;

/// <summary>Collects probe results of a trace by TTL and reports the hops up to the destination.</summary>
public sealed class TraceStatistics(int maxHops)
{
    private readonly HopStatistics[] _hops = [.. Enumerable.Range(1, maxHops).Select(ttl => new HopStatistics(ttl))];

    public int MaxHops { get; } = maxHops;

    /// <summary>The smallest TTL at which the target answered; null until it does.</summary>
    public int? DestinationTtl { get; private set; }

    /// <summary>The TTLs worth probing in the next round: up to the destination once known.</summary>
    public int TtlsToProbe => DestinationTtl ?? MaxHops;

    public void Add(ProbeResult probe)
    {
        if (probe.Ttl < 1 || probe.Ttl > MaxHops)
        {
            throw new ArgumentOutOfRangeException(nameof(probe), probe.Ttl, $"TTL must be 1..{MaxHops}");
        }

        _hops[probe.Ttl - 1].Add(probe);
        if (probe.Outcome == ProbeOutcome.DestinationReached && (DestinationTtl is null || probe.Ttl < DestinationTtl))
        {
            DestinationTtl = probe.Ttl;
        }
    }

    /// <summary>
    /// Hops 1..destination; without one, up to the last TTL that answered and the silent TTL after it (mtr's habit: one
    /// <c>???</c> row says the path goes quiet there), with loss read across them. Probes sent past the destination before
    /// it was known are left out, as mtr does. TTLs never probed (below --first-ttl) are not hops of the report.
    /// </summary>
    public IReadOnlyList<HopReport> Report()
    {
        var unreachable = FirstUnreachableTtl();
        var last = DestinationTtl ?? unreachable ?? LastAnsweringTtl();
        if (DestinationTtl is null && unreachable is null && last > 0 && last < MaxHops && _hops[last].Sent > 0)
        {
            last++;
        }

        var hops = _hops.Take(last).Where(h => h.Sent > 0).ToList();
        var kinds = LossReader.Read([.. hops.Select(h => h.LossPercent)]);
        var latencies = LatencyReader.Read([.. hops.Select(h => h.Received > 0 ? h.Rtt.Mean : (double?)null)]);
        return [.. hops.Select((h, i) => new HopReport
        {
            Ttl = h.Ttl,
            Hosts = h.Hosts,
            Sent = h.Sent,
            Received = h.Received,
            LossPercent = h.LossPercent,
            LastMs = h.Rtt.Last,
            AvgMs = h.Rtt.Mean,
            BestMs = h.Rtt.Best,
            WorstMs = h.Rtt.Worst,
            StDevMs = h.Rtt.StandardDeviation,
            JitterMs = h.Rtt.Jitter,
            CurrentJitterMs = h.Rtt.CurrentJitter,
            WorstJitterMs = h.Rtt.WorstJitter,
            GeometricMeanMs = h.Rtt.GeometricMean,
            ReachedDestination = h.ReachedDestination,
            Unreachable = h.Unreachable,
            Code = h.Code,
            LossKind = kinds[i],
            LatencyKind = latencies[i],
        })];
    }

    /// <summary>
    /// The first TTL a router answered with "cannot be reached" (!H, !N, !X…): every higher TTL passes the same router and
    /// hears the same answer, so the report ends there, as traceroute's does.
    /// </summary>
    private int? FirstUnreachableTtl()
    {
        for (var i = 0; i < _hops.Length; i++)
        {
            if (_hops[i].Unreachable && _hops[i].Code is not null)
            {
                return i + 1;
            }
        }

        return null;
    }

    private int LastAnsweringTtl()
    {
        for (var i = _hops.Length - 1; i >= 0; i--)
        {
            if (_hops[i].Received > 0)
            {
                return i + 1;
            }
        }

        return 0;
    }
}
