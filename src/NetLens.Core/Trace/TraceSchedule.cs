namespace NetLens.Core.Trace;

/// <summary>When probes go out: <see cref="Rounds"/> rounds, one every <see cref="Interval"/>, each probe waited for at most <see cref="Timeout"/>.</summary>
public sealed record TraceSchedule(int Rounds, TimeSpan Interval, TimeSpan Timeout)
{
    /// <summary>Round numbers start here (a live view that keeps going numbers on from the rounds it already ran).</summary>
    public int FirstRound { get; init; }

    /// <summary>The lowest TTL probed (mtr -f); the TTLs below it are neither sent nor reported.</summary>
    public int FirstTtl { get; init; } = 1;

    /// <summary>When set, <see cref="Timeout"/> is only the ceiling: each probe waits as <see cref="AdaptiveTimeout"/> says.</summary>
    public bool AdaptiveTimeout { get; init; }

    /// <summary>
    /// How many rounds may wait for replies at once. Rounds overlap (a lost probe does not hold the next round back, as
    /// in mtr), but never by more than a timeout's worth, and never by so many that the 8-bit round number in a probe's
    /// sequence wraps while an older probe with the same number is still out. Interval 0 means one round at a time.
    /// </summary>
    public int RoundsInFlight => Interval <= TimeSpan.Zero
        ? 1
        : (int)Math.Clamp(Math.Ceiling(Timeout / Interval), 1, ProbeSequenceRounds - 1);

    private const int ProbeSequenceRounds = 256;
}
