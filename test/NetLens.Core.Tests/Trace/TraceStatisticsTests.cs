using System.Net;
using NetLens.Core.Trace;

namespace NetLens.Core.Tests.Trace;

public class TraceStatisticsTests
{
    private static readonly IPAddress Router1 = IPAddress.Parse("198.18.1.2");
    private static readonly IPAddress Router2 = IPAddress.Parse("198.18.2.2");
    private static readonly IPAddress Router2Other = IPAddress.Parse("198.18.2.6");
    private static readonly IPAddress Target = IPAddress.Parse("198.18.3.2");

    private static ProbeResult Hop(int round, int ttl, IPAddress from, double ms) => new(round, ttl, ProbeOutcome.HopReplied, from, ms);

    private static ProbeResult Reached(int round, int ttl, double ms) => new(round, ttl, ProbeOutcome.DestinationReached, Target, ms);

    [Fact]
    public void Hops_past_the_destination_are_left_out_and_the_destination_is_the_first_ttl_it_answered()
    {
        var trace = new TraceStatistics(maxHops: 30);
        trace.Add(Hop(0, 1, Router1, 1));
        trace.Add(Hop(0, 2, Router2, 2));
        trace.Add(Reached(0, 3, 3));
        trace.Add(Reached(0, 4, 3));
        trace.Add(Reached(0, 5, 3));

        var hops = trace.Report();

        Assert.Equal(3, trace.DestinationTtl);
        Assert.Equal(3, trace.TtlsToProbe);
        Assert.Equal([1, 2, 3], hops.Select(h => h.Ttl));
        Assert.True(hops[2].ReachedDestination);
        Assert.Equal(Target, Assert.Single(hops[2].Hosts).Address);
    }

    [Fact]
    public void Sent_received_and_loss_count_every_probe_of_a_hop()
    {
        var trace = new TraceStatistics(maxHops: 5);
        for (var round = 0; round < 4; round++)
        {
            trace.Add(Hop(round, 1, Router1, 1));
            trace.Add(round % 2 == 0 ? Hop(round, 2, Router2, 5) : ProbeResult.Lost(round, 2));
            trace.Add(Reached(round, 3, 7 + round));
        }

        var hops = trace.Report();

        Assert.Equal((4, 4, 0.0), (hops[0].Sent, hops[0].Received, hops[0].LossPercent));
        Assert.Equal((4, 2, 50.0), (hops[1].Sent, hops[1].Received, hops[1].LossPercent));
        Assert.Equal(LossKind.RateLimited, hops[1].LossKind);
        Assert.Equal(LossKind.None, hops[2].LossKind);
        Assert.Equal((10.0, 8.5, 7.0, 10.0), (hops[2].LastMs, hops[2].AvgMs, hops[2].BestMs, hops[2].WorstMs));
    }

    [Fact]
    public void Every_responding_address_at_a_hop_is_listed_with_its_share_in_first_seen_order()
    {
        var trace = new TraceStatistics(maxHops: 5);
        trace.Add(Hop(0, 1, Router2Other, 1));
        trace.Add(Hop(1, 1, Router2, 1));
        trace.Add(Hop(2, 1, Router2, 1));
        trace.Add(Hop(3, 1, Router2Other, 1));
        trace.Add(Hop(4, 1, Router2, 1));

        var hosts = trace.Report()[0].Hosts;

        Assert.Equal([Router2Other, Router2], hosts.Select(h => h.Address));
        Assert.Equal([40.0, 60.0], hosts.Select(h => h.SharePercent));
        Assert.Equal([2, 3], hosts.Select(h => h.Replies));
    }

    [Fact]
    public void Without_the_destination_the_report_ends_one_silent_ttl_past_the_last_that_answered_as_mtr()
    {
        var trace = new TraceStatistics(maxHops: 6);
        trace.Add(Hop(0, 1, Router1, 1));
        trace.Add(ProbeResult.Lost(0, 2));
        trace.Add(Hop(0, 3, Router2, 1));
        for (var ttl = 4; ttl <= 6; ttl++)
        {
            trace.Add(ProbeResult.Lost(0, ttl));
        }

        var hops = trace.Report();

        Assert.Null(trace.DestinationTtl);
        Assert.Equal(6, trace.TtlsToProbe);
        Assert.Equal([1, 2, 3, 4], hops.Select(h => h.Ttl));
        Assert.Equal(LossKind.RateLimited, hops[1].LossKind);
        Assert.Empty(hops[3].Hosts);
        Assert.Equal(100, hops[3].LossPercent);
        Assert.Equal(TraceStopReason.SilentHops, TraceStop.Of(hops, 6, interrupted: false));
    }

    [Fact]
    public void Loss_from_a_hop_onward_to_the_destination_reads_real_there_and_after()
    {
        var trace = new TraceStatistics(maxHops: 5);
        for (var round = 0; round < 10; round++)
        {
            trace.Add(Hop(round, 1, Router1, 1));
            var dropped = round % 3 == 0;
            trace.Add(dropped ? ProbeResult.Lost(round, 2) : Hop(round, 2, Router2, 2));
            trace.Add(dropped ? ProbeResult.Lost(round, 3) : Reached(round, 3, 3));
        }

        Assert.Equal([LossKind.None, LossKind.Real, LossKind.Real], trace.Report().Select(h => h.LossKind));
    }

    [Fact]
    public void A_probe_beyond_max_hops_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TraceStatistics(3).Add(ProbeResult.Lost(0, 4)));
    }
}
