using NetLens.Core.Scanning;

namespace NetLens.Core.Tests.Scanning;

/// <summary>The raw scan's per-host schedule driven by a fake clock: replies and silences are told, never waited for.</summary>
public class PortProbeScheduleTests
{
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);

    /// <summary>The order a schedule sends its ports in, every port taken at time zero past the window.</summary>
    private static List<int> SendOrder(int seed)
    {
        var schedule = new PortProbeSchedule([.. Enumerable.Range(1, 200)], new HostTiming(ScanTiming.Default), new Random(seed));
        var order = new List<int>();
        while (schedule.TryTake(TimeSpan.Zero, out var port, out _, pastWindow: true))
        {
            order.Add(port);
        }

        return order;
    }

    [Fact]
    public void The_same_seed_sends_the_ports_in_the_same_order()
    {
        Assert.Equal(SendOrder(7), SendOrder(7));
        Assert.Equal(200, SendOrder(7).Distinct().Count());
    }

    [Fact]
    public void Different_seeds_send_the_ports_in_different_orders()
    {
        Assert.NotEqual(SendOrder(7), SendOrder(8));
        Assert.Equal(SendOrder(7).Order(), SendOrder(8).Order());
    }

    [Fact]
    public void A_port_that_answers_takes_the_answers_state_and_an_rtt_sample()
    {
        var schedule = new PortProbeSchedule([22], new HostTiming(ScanTiming.Default), new Random(1));
        Assert.True(schedule.TryTake(TimeSpan.Zero, out var port, out var attempt));

        schedule.OnAnswer(port, attempt, PortState.Open, PortReason.SynAck, 2 * Ms);

        Assert.True(schedule.TryFinish());
        Assert.Equal([new PortResult(22, PortState.Open, PortReason.SynAck)], schedule.Results());
        Assert.Equal(2 * Ms, schedule.Timing.SmoothedRtt);
    }

    [Fact]
    public void A_silent_port_is_tried_the_configured_times_then_filtered()
    {
        var schedule = new PortProbeSchedule([9], new HostTiming(ScanTiming.Default), new Random(1));
        var now = TimeSpan.Zero;
        var attempts = 0;
        while (!schedule.TryFinish())
        {
            attempts += schedule.TryTake(now, out _, out _) ? 1 : 0;
            now += TimeSpan.FromSeconds(3);
            schedule.Expire(now);
        }

        Assert.Equal(3, attempts);
        Assert.Equal([new PortResult(9, PortState.Filtered, PortReason.NoResponse)], schedule.Results());
    }

    [Fact]
    public void An_answer_after_the_port_was_called_filtered_replaces_the_silence()
    {
        var schedule = new PortProbeSchedule([9], new HostTiming(ScanTiming.Default with { MaxRetries = 0 }), new Random(1));
        schedule.TryTake(TimeSpan.Zero, out var port, out var attempt);
        schedule.Expire(TimeSpan.FromSeconds(5));

        schedule.OnAnswer(port, attempt, PortState.Closed, PortReason.Reset, TimeSpan.FromSeconds(6));

        Assert.True(schedule.TryFinish());
        Assert.Equal([new PortResult(9, PortState.Closed, PortReason.Reset)], schedule.Results());
    }

    [Fact]
    public void An_answer_to_an_expired_attempt_decides_the_port_but_is_not_timed()
    {
        var schedule = new PortProbeSchedule([9], new HostTiming(ScanTiming.Default), new Random(1));
        schedule.TryTake(TimeSpan.Zero, out var port, out var attempt);
        schedule.Expire(TimeSpan.FromSeconds(2));

        schedule.OnAnswer(port, attempt, PortState.Open, PortReason.SynAck, TimeSpan.FromSeconds(2));

        Assert.Null(schedule.Timing.SmoothedRtt);
        Assert.Equal(PortState.Open, schedule.Results()[0].State);
    }

    [Fact]
    public void Ports_called_filtered_before_loss_was_measured_get_the_attempts_the_loss_asks_for()
    {
        var schedule = new PortProbeSchedule([1, 2], new HostTiming(ScanTiming.Default with { InitialWindow = 1, MaxWindow = 1 }), new Random(1));
        var now = TimeSpan.Zero;

        // port A stays silent through 3 attempts while no loss is known; then port B answers only its 3rd attempt
        var sent = new Dictionary<int, int>();
        while (!schedule.TryFinish())
        {
            if (schedule.TryTake(now, out var port, out var attempt))
            {
                sent[port] = attempt;
                if (port == 2 && attempt == 3)
                {
                    schedule.OnAnswer(port, attempt, PortState.Closed, PortReason.Reset, now + Ms);
                }
            }

            now += TimeSpan.FromSeconds(3);
            schedule.Expire(now);
        }

        Assert.True(schedule.Timing.AttemptsForSilence > 3);
        Assert.Equal(schedule.Timing.AttemptsForSilence, sent[1]);
    }

    [Fact]
    public void Timing_pings_go_to_a_port_that_answered_and_feed_the_loss_rate_when_lost()
    {
        var schedule = new PortProbeSchedule([22, 9], new HostTiming(ScanTiming.Default), new Random(1));
        schedule.TryTake(TimeSpan.Zero, out _, out _);
        schedule.TryTake(TimeSpan.Zero, out _, out _);
        schedule.OnAnswer(22, 1, PortState.Open, PortReason.SynAck, Ms);

        var now = TimeSpan.FromSeconds(1);
        Assert.True(schedule.TryTakePing(now, out var pingPort, out var pingAttempt));
        Assert.Equal(22, pingPort);
        Assert.True(pingAttempt >= SynProbeTag.FirstPingAttempt);
        schedule.Expire(now + TimeSpan.FromSeconds(5));
        Assert.True(schedule.Timing.LossRate > 0);
    }

    [Fact]
    public void The_window_caps_probes_in_flight_unless_min_rate_asks_past_it()
    {
        var schedule = new PortProbeSchedule([.. Enumerable.Range(1, 50)], new HostTiming(ScanTiming.Default with { InitialWindow = 4 }), new Random(1));
        var taken = 0;
        while (schedule.TryTake(TimeSpan.Zero, out _, out _))
        {
            taken++;
        }

        Assert.Equal(4, taken);
        Assert.True(schedule.TryTake(TimeSpan.Zero, out _, out _, pastWindow: true));
    }
}
