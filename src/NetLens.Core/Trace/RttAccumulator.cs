namespace NetLens.Core.Trace;

/// <summary>
/// Round-trip times of one hop, kept incrementally (Welford's algorithm), with mtr's meanings:
/// sample standard deviation, and jitter as the mean absolute difference between consecutive replies.
/// </summary>
public sealed class RttAccumulator
{
    private double _mean;
    private double _sumOfSquaredDeviations;
    private double _jitterSum;
    private double _logSum;

    public int Count { get; private set; }
    public double Last { get; private set; }
    public double Best { get; private set; }
    public double Worst { get; private set; }
    public double Mean => _mean;

    /// <summary>Sample standard deviation (n − 1); 0 with fewer than two replies.</summary>
    public double StandardDeviation => Count < 2 ? 0 : Math.Sqrt(_sumOfSquaredDeviations / (Count - 1));

    /// <summary>Mean of |rtt[i] − rtt[i−1]| over consecutive replies; 0 with fewer than two.</summary>
    public double Jitter => Count < 2 ? 0 : _jitterSum / (Count - 1);

    /// <summary>|rtt − previous rtt| of the newest reply (mtr's Jttr); 0 with fewer than two.</summary>
    public double CurrentJitter { get; private set; }

    /// <summary>The largest difference between consecutive replies (mtr's Jmax); 0 with fewer than two.</summary>
    public double WorstJitter { get; private set; }

    /// <summary>Geometric mean of the replies (mtr's Gmean), from the mean of their logarithms; 0 without replies.</summary>
    public double GeometricMean => Count == 0 ? 0 : Math.Exp(_logSum / Count);

    public void Add(double rttMs)
    {
        if (Count == 0)
        {
            Best = rttMs;
            Worst = rttMs;
        }
        else
        {
            CurrentJitter = Math.Abs(rttMs - Last);
            WorstJitter = Math.Max(WorstJitter, CurrentJitter);
            _jitterSum += CurrentJitter;
            Best = Math.Min(Best, rttMs);
            Worst = Math.Max(Worst, rttMs);
        }

        Count++;
        Last = rttMs;

        // a zero round trip (clock granularity) would make the logarithm −∞ and the whole mean 0
        _logSum += Math.Log(Math.Max(rttMs, double.Epsilon));
        var delta = rttMs - _mean;
        _mean += delta / Count;
        _sumOfSquaredDeviations += delta * (rttMs - _mean);
    }
}
