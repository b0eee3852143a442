namespace NetLens.Serve.Continuous;

/// <summary>
/// When each continuous target is probed next. Each target gets a random phase in the interval (so a thousand targets
/// do not fire together), then one slot every interval with a jitter of up to a tenth of it; slots do not drift with
/// the jitter. A prober that fell more than an interval behind skips the missed slots instead of bursting. Pure: the
/// caller supplies the clock's ticks and the random source.
/// </summary>
public sealed class ProbeSchedule
{
    private readonly PriorityQueue<int, long> _due = new();
    private readonly long[] _slots;
    private readonly long _interval;
    private readonly Random _random;

    public ProbeSchedule(int targets, long intervalTicks, long nowTicks, Random random)
    {
        _interval = Math.Max(1, intervalTicks);
        _random = random;
        _slots = new long[targets];
        for (var i = 0; i < targets; i++)
        {
            _slots[i] = nowTicks + (long)(random.NextDouble() * _interval);
            _due.Enqueue(i, _slots[i] + Jitter());
        }
    }

    public int Count => _slots.Length;

    /// <summary>The ticks of the next send, or null when there are no targets.</summary>
    public long? NextDue => _due.TryPeek(out _, out var due) ? due : null;

    /// <summary>Takes the next target due at or before <paramref name="nowTicks"/> and books its next slot.</summary>
    public bool TryTakeDue(long nowTicks, out int target)
    {
        if (!_due.TryPeek(out target, out var due) || due > nowTicks)
        {
            return false;
        }

        _due.Dequeue();
        var next = _slots[target] + _interval;
        if (next + _interval < nowTicks)
        {
            next = nowTicks + _interval - (nowTicks - _slots[target]) % _interval;
        }

        _slots[target] = next;
        _due.Enqueue(target, next + Jitter());
        return true;
    }

    private long Jitter() => (long)(_random.NextDouble() * _interval / 10);
}
