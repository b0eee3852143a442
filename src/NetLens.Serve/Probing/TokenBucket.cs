namespace NetLens.Serve.Probing;

/// <summary>
/// A token bucket: holds up to <c>burst</c> tokens, refilled at <c>rate</c> per second by the clock, one taken per
/// probe. A rate of 0 means no cap. Time comes from a <see cref="TimeProvider"/> so tests step a fake clock.
/// </summary>
public sealed class TokenBucket
{
    private readonly double _rate;
    private readonly double _burst;
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private double _tokens;
    private long _stamp;

    public TokenBucket(double rate, double burst, TimeProvider clock)
    {
        _rate = rate;
        _burst = burst;
        _clock = clock;
        _tokens = burst;
        _stamp = clock.GetTimestamp();
    }

    /// <summary>Takes a token; when there is none, false and how long until there is one.</summary>
    public bool TryTake(out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (_rate <= 0)
        {
            return true;
        }

        lock (_gate)
        {
            Refill();
            if (_tokens >= 1)
            {
                _tokens--;
                return true;
            }

            retryAfter = TimeSpan.FromSeconds((1 - _tokens) / _rate);
            return false;
        }
    }

    /// <summary>Whether the bucket is back to its burst, so forgetting it changes nothing.</summary>
    public bool IsFull
    {
        get
        {
            lock (_gate)
            {
                Refill();
                return _tokens >= _burst;
            }
        }
    }

    private void Refill()
    {
        var now = _clock.GetTimestamp();
        var seconds = _clock.GetElapsedTime(_stamp, now).TotalSeconds;
        _stamp = now;
        _tokens = Math.Min(_burst, _tokens + (seconds * _rate));
    }
}
