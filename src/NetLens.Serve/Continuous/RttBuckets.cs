namespace NetLens.Serve.Continuous;

/// <summary>
/// netlens_rtt_seconds' bucket bounds: smokeping_prober's defaults (Prometheus's ExponentialBuckets(0.00005, 2, 20)),
/// 50 µs doubling to 26.2144 s, so dashboards built on smokeping's histogram read netlens's the same.
/// </summary>
public static class RttBuckets
{
    public static readonly IReadOnlyList<double> UpperBounds = Exponential(0.00005, 2, 20);

    /// <summary>The index of the first bucket whose bound holds <paramref name="seconds"/>; Count for +Inf.</summary>
    public static int IndexOf(double seconds)
    {
        var low = 0;
        var high = UpperBounds.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (seconds <= UpperBounds[middle])
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }

    private static double[] Exponential(double start, double factor, int count)
    {
        var bounds = new double[count];
        for (var i = 0; i < count; i++)
        {
            bounds[i] = start * Math.Pow(factor, i);
        }

        return bounds;
    }
}
