using NetLens.Core.Scanning;

namespace NetLens.Core.Tests.Scanning;

/// <summary>The sweep plan against a simulated target whose ICMP errors pass a token bucket, as Linux's icmp_ratelimit does.</summary>
public class UdpSweepPlanTests
{
    private enum Truth
    {
        Open,
        Closed,
        Dropped,
        Prohibited,
    }

    /// <summary>
    /// A target: each probe arrives 1 ms after its send (probes leave 0.1 ms apart); an error needs a token from a bucket
    /// of <paramref name="burst"/> that refills one per <paramref name="interval"/>; <paramref name="loss"/> drops packets each way.
    /// </summary>
    private sealed class SimulatedTarget(IReadOnlyDictionary<int, Truth> truth, int burst, TimeSpan interval, double loss = 0, int seed = 1)
    {
        private readonly Random _random = new(seed);
        private double _tokens = burst;
        private TimeSpan _refilledAt = TimeSpan.Zero;

        public int Probes { get; private set; }

        /// <summary>Runs one sweep like the Linux side does; returns when its last probe timed out.</summary>
        public TimeSpan Run(UdpSweepPlan plan, UdpSweep sweep, TimeSpan timeout)
        {
            var rtt = TimeSpan.FromMilliseconds(1);
            var send = sweep.StartAt;
            foreach (var port in sweep.Ports)
            {
                Probes++;
                send += TimeSpan.FromMilliseconds(0.1);
                var arrival = send + (rtt / 2);
                if (Lost())
                {
                    continue;
                }

                UdpProbeOutcome? outcome = truth[port] switch
                {
                    Truth.Open => UdpProbeOutcome.Response,
                    Truth.Closed when Spend(arrival) => UdpProbeOutcome.PortUnreachable,
                    Truth.Prohibited when Spend(arrival) => UdpProbeOutcome.AdminProhibited,
                    _ => null,
                };
                if (outcome is { } answer && !Lost())
                {
                    plan.Record(new UdpAnswer(port, answer, rtt, send + rtt));
                }
            }

            plan.Complete(sweep);
            return send + timeout;
        }

        private bool Lost() => loss > 0 && _random.NextDouble() < loss;

        private bool Spend(TimeSpan at)
        {
            _tokens = Math.Min(burst, _tokens + ((at - _refilledAt) / interval));
            _refilledAt = at;
            if (_tokens < 1)
            {
                return false;
            }

            _tokens--;
            return true;
        }
    }

    private static Dictionary<int, Truth> Host(int closed, int dropped, int prohibited = 0)
    {
        var truth = new Dictionary<int, Truth> { [53] = Truth.Open };
        var port = 1000;
        for (var i = 0; i < closed; i++)
        {
            truth[port++] = Truth.Closed;
        }

        for (var i = 0; i < dropped; i++)
        {
            truth[port++] = Truth.Dropped;
        }

        for (var i = 0; i < prohibited; i++)
        {
            truth[port++] = Truth.Prohibited;
        }

        return truth;
    }

    private static (Dictionary<int, (PortState, PortReason)> States, TimeSpan Took, UdpSweepPlan Plan, int Probes) Scan(
        Dictionary<int, Truth> truth, int burst, TimeSpan interval, double loss = 0, int seed = 1)
    {
        var timing = new HostTiming(ScanTiming.Default);
        var plan = new UdpSweepPlan(truth.Keys, timing, UdpTiming.Default);
        var target = new SimulatedTarget(truth, burst, interval, loss, seed);
        var now = TimeSpan.Zero;
        while (plan.Next(now) is { } sweep)
        {
            now = target.Run(plan, sweep, timing.Timeout);
        }

        return (plan.Results.ToDictionary(r => r.Port, r => (r.State, r.Reason)), now, plan, target.Probes);
    }

    private static Dictionary<int, (PortState, PortReason)> Expected(Dictionary<int, Truth> truth) => truth.ToDictionary(
        t => t.Key,
        t => t.Value switch
        {
            Truth.Open => (PortState.Open, PortReason.UdpResponse),
            Truth.Closed => (PortState.Closed, PortReason.PortUnreach),
            Truth.Prohibited => (PortState.Filtered, PortReason.AdminProhibited),
            _ => (PortState.OpenFiltered, PortReason.NoResponse),
        });

    private static List<string> Mismatches(Dictionary<int, (PortState, PortReason)> expected, Dictionary<int, (PortState, PortReason)> found) =>
        [.. expected.Where(e => !found.TryGetValue(e.Key, out var f) || f != e.Value).Select(e => $"{e.Key}: expected {e.Value}, found {found.GetValueOrDefault(e.Key)}")];

    [Fact]
    public void Without_a_rate_limit_every_state_is_right()
    {
        var truth = Host(closed: 200, dropped: 30, prohibited: 3);

        var (states, took, plan, _) = Scan(truth, burst: int.MaxValue, interval: TimeSpan.FromTicks(1));

        Assert.Empty(Mismatches(Expected(truth), states));
        Assert.False(plan.RateLimited);
        Assert.True(took < TimeSpan.FromSeconds(10), $"took {took}");
    }

    [Fact]
    public void Behind_linuxs_default_rate_limit_closed_ports_still_come_out_closed()
    {
        // six errors at once, then one a second: the first sweep hears 6 of the 40 closed ports
        var truth = Host(closed: 40, dropped: 200, prohibited: 2);

        var (states, took, plan, _) = Scan(truth, burst: 6, interval: TimeSpan.FromSeconds(1));

        Assert.Empty(Mismatches(Expected(truth), states));
        Assert.True(plan.RateLimited);

        // the limit's own cost (36 more errors at one a second) and little more: filtered ports do not wait their turn
        Assert.InRange(took.TotalSeconds, 36, 60);
    }

    [Fact]
    public void Behind_a_rate_limit_with_few_closed_ports_filtered_ones_cost_no_waiting()
    {
        var truth = Host(closed: 3, dropped: 1000);

        var (states, took, _, probes) = Scan(truth, burst: 6, interval: TimeSpan.FromSeconds(1));

        Assert.Empty(Mismatches(Expected(truth), states));
        Assert.True(took < TimeSpan.FromSeconds(10), $"took {took}");
        Assert.True(probes < 5 * truth.Count, $"{probes} probes");
    }

    [Fact]
    public void A_host_whose_ports_are_all_closed_behind_the_limit_is_scanned_at_the_limits_pace()
    {
        var truth = Host(closed: 150, dropped: 0);

        var (states, took, _, probes) = Scan(truth, burst: 6, interval: TimeSpan.FromSeconds(1));

        Assert.Empty(Mismatches(Expected(truth), states));
        Assert.InRange(took.TotalSeconds, 144, 200);

        // sweeping a slice at a time keeps the probes within a small multiple of what nmap's one-a-second pace sends
        Assert.True(probes < 150 * 80, $"{probes} probes");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_loss_of_20_percent_each_way_keeps_every_state(int seed)
    {
        var truth = Host(closed: 200, dropped: 100, prohibited: 2);

        var (states, _, _, _) = Scan(truth, burst: int.MaxValue, interval: TimeSpan.FromTicks(1), loss: 0.2, seed: seed);

        Assert.Empty(Mismatches(Expected(truth), states));
    }

    [Fact]
    public void A_sweep_that_drew_an_error_waits_one_interval_before_the_next()
    {
        var plan = new UdpSweepPlan([1, 2], new HostTiming(ScanTiming.Default), UdpTiming.Default);
        var first = plan.Next(TimeSpan.Zero)!;
        plan.Record(new UdpAnswer(1, UdpProbeOutcome.PortUnreachable, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5)));
        plan.Complete(first);

        var second = plan.Next(TimeSpan.FromMilliseconds(200))!;

        Assert.Equal([2], second.Ports);
        Assert.Equal(TimeSpan.FromMilliseconds(1005), second.StartAt);
    }

    [Fact]
    public void Silence_in_a_sweep_that_drew_errors_does_not_count_toward_open_filtered()
    {
        var plan = new UdpSweepPlan([1, 2, 3, 4, 5], new HostTiming(ScanTiming.Default), UdpTiming.Default);
        var now = TimeSpan.Zero;

        // ports 1..4 each answer one sweep late (as behind a rate limit); port 5 is silent in all four sweeps
        for (var port = 1; port <= 4; port++)
        {
            var sweep = plan.Next(now)!;
            plan.Record(new UdpAnswer(port, UdpProbeOutcome.PortUnreachable, TimeSpan.FromMilliseconds(1), sweep.StartAt));
            plan.Complete(sweep);
            now = sweep.StartAt + TimeSpan.FromMilliseconds(100);
        }

        Assert.DoesNotContain(plan.Results, r => r.Port == 5);
        Assert.True(plan.RateLimited);

        // quiet sweeps after the bucket refilled make it open|filtered: the retries, or more as the late answers look like loss
        var quiet = 0;
        while (plan.Next(now) is { } sweep && quiet < 100)
        {
            Assert.True(sweep.StartAt >= TimeSpan.FromMilliseconds(300) + UdpTiming.Default.TokenInterval);
            plan.Complete(sweep);
            now = sweep.StartAt + TimeSpan.FromMilliseconds(100);
            quiet++;
        }

        Assert.Equal(new PortResult(5, PortState.OpenFiltered, PortReason.NoResponse, PortProtocol.Udp), plan.Results[^1]);
        Assert.InRange(quiet, ScanTiming.Default.MaxRetries + 1, ScanTiming.Default.MaxRetriesUnderLoss + 1);
    }
}
