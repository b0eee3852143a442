namespace NetLens.Core.Trace;

/// <summary>
/// Tells a latency jump the path really adds from one router's slow replies. A router answers time-exceeded from
/// its control plane, which may be busy, so a slow hop means little unless the hops after it are slow too:
/// a rise that later hops keep is the path's; a rise that later hops drop again is the router's.
/// </summary>
public static class LatencyReader
{
    /// <summary>A rise smaller than this is scheduling noise, whatever the path's length.</summary>
    public const double MinRiseMs = 1.0;

    /// <summary>A rise must also be this share of the latency before it: 1 ms is news on a LAN, not across an ocean.</summary>
    public const double MinRiseShare = 0.2;

    /// <summary>The first answering hop is the local link: only this much is worth a word (a LAN answers in a few ms).</summary>
    public const double MinFirstHopMs = 10.0;

    /// <summary>Later hops must keep at least this share of the rise for it to count as the path's.</summary>
    public const double KeptShare = 0.5;

    /// <summary>
    /// One <see cref="LatencyKind"/> per hop, in TTL order. <paramref name="averagesMs"/> holds each hop's average round
    /// trip, null for a hop that never answered (it is skipped and compared with nothing).
    /// </summary>
    public static LatencyKind[] Read(IReadOnlyList<double?> averagesMs)
    {
        var kinds = new LatencyKind[averagesMs.Count];
        // The path's latency so far: the last answering hop that was not a slow replier.
        double baseline = 0;
        var first = true;
        for (var i = 0; i < kinds.Length; i++)
        {
            if (averagesMs[i] is not { } average)
            {
                continue;
            }

            var rise = average - baseline;
            var threshold = first ? MinFirstHopMs : Math.Max(MinRiseMs, MinRiseShare * baseline);
            first = false;
            if (rise < threshold)
            {
                // Small ups and downs are noise; the path so far is as slow as its slowest ordinary hop.
                baseline = Math.Max(baseline, average);
                continue;
            }

            var later = averagesMs.Skip(i + 1).OfType<double>().ToList();
            var kept = later.Count == 0 || later.Min() - baseline >= KeptShare * rise;
            kinds[i] = kept ? LatencyKind.Jump : LatencyKind.SlowReply;
            if (kept)
            {
                baseline = average;
            }
        }

        return kinds;
    }
}
