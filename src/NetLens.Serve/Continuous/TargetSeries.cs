namespace NetLens.Serve.Continuous;

/// <summary>One target's counters and RTT histogram. Written by the prober thread, read by /metrics: one lock, held for a few adds.</summary>
public sealed class TargetSeries(ContinuousTarget target)
{
    private readonly ulong[] _buckets = new ulong[RttBuckets.UpperBounds.Count + 1];
    private ulong _sent;
    private ulong _received;
    private double _sum;

    public ContinuousTarget Target { get; } = target;

    public void Sent()
    {
        lock (_buckets)
        {
            _sent++;
        }
    }

    public void Received(TimeSpan rtt)
    {
        var seconds = Math.Max(0, rtt.TotalSeconds);
        lock (_buckets)
        {
            _received++;
            _sum += seconds;
            _buckets[RttBuckets.IndexOf(seconds)]++;
        }
    }

    /// <summary>The counters and the histogram's cumulative bucket counts (without +Inf, which is Received), read together.</summary>
    public (ulong Sent, ulong Received, double Sum, ulong[] Cumulative) Read()
    {
        lock (_buckets)
        {
            var cumulative = new ulong[RttBuckets.UpperBounds.Count];
            ulong running = 0;
            for (var i = 0; i < cumulative.Length; i++)
            {
                running += _buckets[i];
                cumulative[i] = running;
            }

            return (_sent, _received, _sum, cumulative);
        }
    }
}
