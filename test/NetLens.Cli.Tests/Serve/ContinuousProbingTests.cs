using System.Net;
using NetLens.Serve.Continuous;
using NetLens.Serve.Exposition;

namespace NetLens.Cli.Tests.Serve;

public sealed class ContinuousProbingTests
{
    [Fact]
    public void The_rtt_buckets_are_smokeping_probers_50_microseconds_doubling_twenty_times()
    {
        Assert.Equal(20, RttBuckets.UpperBounds.Count);
        Assert.Equal(0.00005, RttBuckets.UpperBounds[0]);
        Assert.Equal(26.2144, RttBuckets.UpperBounds[^1], 10);
        Assert.Equal(0, RttBuckets.IndexOf(0.00005));
        Assert.Equal(1, RttBuckets.IndexOf(0.00005001));
        Assert.Equal(20, RttBuckets.IndexOf(30));
    }

    [Fact]
    public void Every_target_is_probed_once_per_interval_with_spread_phases_and_no_drift()
    {
        // Given 1000 targets at an interval of 1000 ticks, when the clock runs 50 intervals one tick at a time.
        var schedule = new ProbeSchedule(1000, 1000, 0, new Random(7));
        var sends = new int[1000];
        var firstInterval = new HashSet<long>();
        for (long now = 0; now < 50_000; now++)
        {
            while (schedule.TryTakeDue(now, out var target))
            {
                sends[target]++;
                if (now < 1000)
                {
                    firstInterval.Add(now / 100);
                }
            }
        }

        // Then each was sent 49 or 50 times (the phase and jitter decide the edge), and the first interval's sends
        // fall in all ten tenths of it, not in one burst.
        Assert.All(sends, count => Assert.InRange(count, 49, 50));
        Assert.Equal(10, firstInterval.Count);
    }

    [Fact]
    public void A_prober_that_stalled_skips_the_missed_slots_instead_of_bursting()
    {
        var schedule = new ProbeSchedule(1, 1000, 0, new Random(1));
        var sent = 0;
        while (schedule.TryTakeDue(100_000, out _))
        {
            sent++;
        }

        // After a stall of 100 intervals, one echo and the next slot within an interval.
        Assert.Equal(1, sent);
        Assert.InRange(schedule.NextDue!.Value, 100_000, 101_100);
    }

    [Fact]
    public void The_counters_and_histogram_render_with_target_and_name_labels()
    {
        var metrics = new ContinuousMetrics();
        var target = new ContinuousTarget("gw.example", IPAddress.Parse("198.18.0.1"));
        metrics.Sent(target);
        metrics.Sent(target);
        metrics.Received(target, TimeSpan.FromMilliseconds(0.3));
        var set = new MetricSet();
        metrics.AddTo(set);
        var text = TextExposition.Write(set);

        Assert.Contains("# TYPE netlens_probes_sent_total counter\nnetlens_probes_sent_total{name=\"gw.example\",target=\"198.18.0.1\"} 2\n", text);
        Assert.Contains("netlens_probes_received_total{name=\"gw.example\",target=\"198.18.0.1\"} 1\n", text);
        Assert.Contains("netlens_rtt_seconds_bucket{name=\"gw.example\",target=\"198.18.0.1\",le=\"0.0002\"} 0\n", text);
        Assert.Contains("netlens_rtt_seconds_bucket{name=\"gw.example\",target=\"198.18.0.1\",le=\"0.0004\"} 1\n", text);
        Assert.Contains("netlens_rtt_seconds_bucket{name=\"gw.example\",target=\"198.18.0.1\",le=\"+Inf\"} 1\n", text);
        Assert.Contains("netlens_rtt_seconds_count{name=\"gw.example\",target=\"198.18.0.1\"} 1\n", text);
    }

    [Fact]
    public void A_target_no_longer_listed_loses_its_series()
    {
        var metrics = new ContinuousMetrics();
        var kept = new ContinuousTarget("198.18.0.1", IPAddress.Parse("198.18.0.1"));
        var dropped = new ContinuousTarget("198.18.0.2", IPAddress.Parse("198.18.0.2"));
        metrics.Sent(kept);
        metrics.Sent(dropped);
        metrics.Retain([kept]);
        var set = new MetricSet();
        metrics.AddTo(set);
        var text = TextExposition.Write(set);
        Assert.Contains("target=\"198.18.0.1\"", text);
        Assert.DoesNotContain("198.18.0.2", text);
    }
}
