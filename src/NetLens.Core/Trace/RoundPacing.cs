namespace NetLens.Core.Trace;

/// <summary>
/// Spreads the probes of one round over the first part of the interval instead of sending them in one burst: a burst
/// of 30 TTLs makes routers' ICMP rate limits (and the target's) drop replies the path never lost.
/// </summary>
public static class RoundPacing
{
    /// <summary>The share of the interval a round's probes are spread over; the rest is left for their replies.</summary>
    public const double SpreadShare = 0.5;

    /// <summary>No more than this between two probes of a round, so long intervals do not stretch a round needlessly.</summary>
    public static readonly TimeSpan MaximumGap = TimeSpan.FromMilliseconds(10);

    /// <summary>The time between consecutive probes of a round of <paramref name="probes"/>; zero with interval 0 (the user asked for speed).</summary>
    public static TimeSpan Gap(TimeSpan interval, int probes)
    {
        if (probes <= 1 || interval <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var gap = interval * SpreadShare / probes;
        return gap < MaximumGap ? gap : MaximumGap;
    }
}
