using System.Net;
using NetLens.Core.Trace;

namespace NetLens.Core.Tests.Trace;

public class RoundPacingTests
{
    [Fact]
    public void A_round_is_spread_over_half_the_interval()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(5), RoundPacing.Gap(TimeSpan.FromMilliseconds(50), 5));
    }

    [Fact]
    public void Long_intervals_do_not_stretch_a_round_beyond_the_largest_gap()
    {
        Assert.Equal(RoundPacing.MaximumGap, RoundPacing.Gap(TimeSpan.FromSeconds(1), 30));
    }

    [Theory]
    [InlineData(0, 30)]
    [InlineData(1000, 1)]
    public void Interval_zero_or_a_single_probe_goes_at_once(int intervalMs, int probes)
    {
        Assert.Equal(TimeSpan.Zero, RoundPacing.Gap(TimeSpan.FromMilliseconds(intervalMs), probes));
    }

    [Theory]
    [InlineData(0, 2000, 1)]
    [InlineData(1000, 2000, 2)]
    [InlineData(50, 2000, 40)]
    [InlineData(1, 2000, 255)]
    public void Rounds_overlap_by_a_timeout_but_never_so_far_that_the_round_number_wraps(int intervalMs, int timeoutMs, int inFlight)
    {
        var schedule = new TraceSchedule(10, TimeSpan.FromMilliseconds(intervalMs), TimeSpan.FromMilliseconds(timeoutMs));

        Assert.Equal(inFlight, schedule.RoundsInFlight);
    }

    [Fact]
    public void A_hop_remembers_which_flows_each_address_answered()
    {
        var hop = new HopStatistics(2);
        var a = IPAddress.Parse("198.18.2.2");
        var b = IPAddress.Parse("198.18.12.2");

        hop.Add(new ProbeResult(0, 2, ProbeOutcome.HopReplied, a, 1, Flow: 0));
        hop.Add(new ProbeResult(0, 2, ProbeOutcome.HopReplied, b, 1, Flow: 1));
        hop.Add(new ProbeResult(0, 2, ProbeOutcome.HopReplied, a, 1, Flow: 2));
        hop.Add(new ProbeResult(1, 2, ProbeOutcome.HopReplied, a, 1, Flow: 0));

        Assert.Equal([(a, 3, (IReadOnlyList<int>)[0, 2]), (b, 1, [1])], hop.Hosts.Select(h => (h.Address, h.Replies, h.Flows)));
    }

    [Theory]
    [InlineData(0, 2000)]
    [InlineData(0.1, 300)]
    [InlineData(50, 500)]
    [InlineData(1000, 2000)]
    public void Without_a_timeout_a_probe_waits_ten_times_the_slowest_reply_within_bounds(double slowestMs, int expectedMs)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), AdaptiveTimeout.For(TimeSpan.FromSeconds(2), slowestMs));
    }
}
