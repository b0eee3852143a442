using NetLens.Core.Trace;

namespace NetLens.Core.Tests.Trace;

public class RttAccumulatorTests
{
    [Fact]
    public void Last_avg_best_worst_and_sample_stdev_match_the_textbook_formulas()
    {
        var rtt = new RttAccumulator();
        double[] samples = [2, 4, 4, 4, 5, 5, 7, 9];

        foreach (var s in samples)
        {
            rtt.Add(s);
        }

        Assert.Equal(8, rtt.Count);
        Assert.Equal(9, rtt.Last);
        Assert.Equal(5, rtt.Mean, 12);
        Assert.Equal(2, rtt.Best);
        Assert.Equal(9, rtt.Worst);
        // Sum of squared deviations is 32; the sample variance divides by n - 1 = 7.
        Assert.Equal(Math.Sqrt(32.0 / 7), rtt.StandardDeviation, 12);
    }

    [Fact]
    public void Jitter_is_the_mean_absolute_difference_of_consecutive_replies()
    {
        var rtt = new RttAccumulator();
        foreach (var s in new double[] { 10, 12, 9, 9 })
        {
            rtt.Add(s);
        }

        // |12-10| + |9-12| + |9-9| = 5 over 3 differences.
        Assert.Equal(5.0 / 3, rtt.Jitter, 12);
    }

    [Fact]
    public void Current_and_worst_jitter_are_the_newest_and_the_largest_consecutive_difference()
    {
        var rtt = new RttAccumulator();
        foreach (var s in new double[] { 10, 12, 9, 9.5 })
        {
            rtt.Add(s);
        }

        Assert.Equal(0.5, rtt.CurrentJitter, 12);
        Assert.Equal(3, rtt.WorstJitter, 12);
    }

    [Fact]
    public void The_geometric_mean_is_the_nth_root_of_the_product()
    {
        var rtt = new RttAccumulator();
        foreach (var s in new double[] { 1, 4, 16 })
        {
            rtt.Add(s);
        }

        Assert.Equal(4, rtt.GeometricMean, 12);
    }

    [Fact]
    public void One_reply_has_no_spread()
    {
        var rtt = new RttAccumulator();
        rtt.Add(3.5);

        Assert.Equal(0, rtt.StandardDeviation);
        Assert.Equal(0, rtt.Jitter);
        Assert.Equal(3.5, rtt.Best);
        Assert.Equal(3.5, rtt.Worst);
    }

    [Fact]
    public void Welford_stays_exact_around_a_large_offset()
    {
        var rtt = new RttAccumulator();
        foreach (var s in new double[] { 1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16 })
        {
            rtt.Add(s);
        }

        Assert.Equal(Math.Sqrt(30), rtt.StandardDeviation, 6);
    }
}
