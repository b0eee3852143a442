namespace NetLens.Core.Scanning;

/// <summary>
/// The whole scan's packet rate: at most <see cref="MaxPerSecond"/> (a token bucket, so the cap holds over any second),
/// and at least <see cref="MinPerSecond"/> when asked, which lets probes go past a host's congestion window. Pure: the
/// caller tells the time.
/// </summary>
public sealed class SendRate
{
    /// <summary>The default cap: fast on a LAN or loopback, and about 30 Mbit/s of 60-byte SYNs, which no sane path mistakes for a flood of its own making.</summary>
    public const double DefaultMaxPerSecond = 60_000;

    private readonly double _burst;
    private double _tokens;
    private TimeSpan _refilledAt;
    private long _sent;

    public SendRate(double maxPerSecond = DefaultMaxPerSecond, double minPerSecond = 0)
    {
        if (maxPerSecond <= 0 || minPerSecond < 0 || minPerSecond > maxPerSecond)
        {
            // the CLI checks its --min-rate/--max-rate first and says so by flag; this guards every other caller of the engine
            throw new UsageException($"the lowest rate ({minPerSecond}/s) must not exceed the highest ({maxPerSecond}/s), and both must be positive");
        }

        MaxPerSecond = maxPerSecond;
        MinPerSecond = minPerSecond;

        // a burst of 10 ms worth (at least one packet), so a slow cap is not exceeded even briefly
        _burst = Math.Max(1, maxPerSecond / 100);
        _tokens = _burst;
    }

    public double MaxPerSecond { get; }

    public double MinPerSecond { get; }

    /// <summary>True when a packet may go now under the cap.</summary>
    public bool CanSend(TimeSpan now)
    {
        Refill(now);
        return _tokens >= 1;
    }

    /// <summary>True when the scan has fallen behind --min-rate since <paramref name="now"/> began, so a probe should go even past the window.</summary>
    public bool IsBehindMinimum(TimeSpan now) => MinPerSecond > 0 && _sent < MinPerSecond * now.TotalSeconds;

    public void OnSent(TimeSpan now)
    {
        Refill(now);
        _tokens--;
        _sent++;
    }

    /// <summary>How long until the cap lets the next packet go.</summary>
    public TimeSpan WaitForToken(TimeSpan now)
    {
        Refill(now);
        return _tokens >= 1 ? TimeSpan.Zero : TimeSpan.FromSeconds((1 - _tokens) / MaxPerSecond);
    }

    private void Refill(TimeSpan now)
    {
        if (now > _refilledAt)
        {
            _tokens = Math.Min(_burst, _tokens + ((now - _refilledAt).TotalSeconds * MaxPerSecond));
            _refilledAt = now;
        }
    }
}
