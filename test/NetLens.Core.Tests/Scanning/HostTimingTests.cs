using NetLens.Core.Scanning;

namespace NetLens.Core.Tests.Scanning;

public class HostTimingTests
{
    private static readonly ScanTiming Limits = new()
    {
        InitialTimeout = TimeSpan.FromSeconds(1),
        MinTimeout = TimeSpan.FromMilliseconds(100),
        MaxTimeout = TimeSpan.FromSeconds(10),
        InitialWindow = 10,
        InitialSlowStartThreshold = 20,
        MaxWindow = 100,
    };

    [Fact]
    public void Before_any_reply_the_initial_timeout_applies()
    {
        var timing = new HostTiming(Limits);

        Assert.Null(timing.SmoothedRtt);
        Assert.Equal(TimeSpan.FromSeconds(1), timing.Timeout);
    }

    [Fact]
    public void The_first_reply_sets_srtt_and_half_of_it_as_variance()
    {
        var timing = new HostTiming(Limits);

        timing.OnReply(TimeSpan.FromMilliseconds(200), attempt: 1);

        Assert.Equal(TimeSpan.FromMilliseconds(200), timing.SmoothedRtt);
        Assert.Equal(TimeSpan.FromMilliseconds(100), timing.RttVariance);
        Assert.Equal(TimeSpan.FromMilliseconds(600), timing.Timeout);
    }

    [Fact]
    public void Later_replies_smooth_by_one_eighth_and_one_quarter()
    {
        var timing = new HostTiming(Limits);
        timing.OnReply(TimeSpan.FromMilliseconds(200), attempt: 1);

        timing.OnReply(TimeSpan.FromMilliseconds(600), attempt: 1);

        Assert.Equal(TimeSpan.FromMilliseconds(250), timing.SmoothedRtt);
        Assert.Equal(TimeSpan.FromMilliseconds(175), timing.RttVariance);
    }

    [Fact]
    public void The_timeout_stays_within_its_limits()
    {
        var fast = new HostTiming(Limits);
        fast.OnReply(TimeSpan.FromTicks(10), attempt: 1);
        var slow = new HostTiming(Limits);
        slow.OnReply(TimeSpan.FromSeconds(30), attempt: 1);

        Assert.Equal(TimeSpan.FromMilliseconds(100), fast.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(10), slow.Timeout);
    }

    [Fact]
    public void The_window_grows_by_one_per_reply_in_slow_start_then_slower()
    {
        var timing = new HostTiming(Limits);

        for (var i = 0; i < 10; i++)
        {
            timing.OnReply(TimeSpan.FromMilliseconds(1), attempt: 1);
        }

        Assert.Equal(20, timing.Window);
        timing.OnReply(TimeSpan.FromMilliseconds(1), attempt: 1);
        Assert.Equal(20, timing.Window);
    }

    [Fact]
    public void An_answered_retry_with_rising_rtt_means_congestion_and_halves_the_window()
    {
        var timing = new HostTiming(Limits);
        timing.OnReply(TimeSpan.FromMilliseconds(10), attempt: 1);

        timing.OnReply(TimeSpan.FromMilliseconds(500), attempt: 2);

        Assert.True(timing.LooksCongested);
        Assert.Equal(5, timing.Window);
    }

    [Fact]
    public void An_answered_retry_at_an_unchanged_rtt_is_random_loss_and_keeps_the_window()
    {
        var timing = new HostTiming(Limits);
        timing.OnReply(TimeSpan.FromMilliseconds(10), attempt: 1);

        timing.OnReply(TimeSpan.FromMilliseconds(10), attempt: 2);

        Assert.False(timing.LooksCongested);
        Assert.Equal(11, timing.Window);
    }

    [Fact]
    public void An_ambiguous_reply_counts_its_hidden_loss_but_is_not_timed()
    {
        var timing = new HostTiming(Limits);
        timing.OnReply(TimeSpan.FromMilliseconds(10), attempt: 1);

        timing.OnReply(null, attempt: 1, hiddenLosses: 1);

        Assert.Equal(TimeSpan.FromMilliseconds(10), timing.SmoothedRtt);
        Assert.Equal(1.0 / 3, timing.LossRate, 6);
    }

    [Fact]
    public void Drops_never_take_the_window_below_its_floor()
    {
        var timing = new HostTiming(Limits with { InitialWindow = 1.5 });

        timing.OnDrop();

        Assert.Equal(1, timing.Window);
    }

    [Fact]
    public void The_window_never_passes_its_ceiling()
    {
        var timing = new HostTiming(Limits with { InitialSlowStartThreshold = 1000 });

        for (var i = 0; i < 500; i++)
        {
            timing.OnReply(TimeSpan.FromMilliseconds(1), attempt: 1);
        }

        Assert.Equal(100, timing.Window);
    }

    [Fact]
    public void Several_losses_within_one_window_cut_it_once()
    {
        var timing = new HostTiming(Limits);
        timing.OnReply(TimeSpan.FromMilliseconds(10), attempt: 1);

        timing.OnReply(TimeSpan.FromMilliseconds(500), attempt: 2);
        timing.OnReply(TimeSpan.FromMilliseconds(500), attempt: 3);
        timing.OnDrop();

        Assert.Equal(5, timing.Window);
    }

    [Fact]
    public void Loss_rate_is_the_share_of_attempts_lost_on_ports_that_answered()
    {
        var timing = new HostTiming(Limits);

        timing.OnReply(TimeSpan.FromMilliseconds(1), attempt: 1);
        timing.OnReply(TimeSpan.FromMilliseconds(1), attempt: 3);

        Assert.Equal(0.5, timing.LossRate, 6);
    }

    [Fact]
    public void A_lossy_path_gets_enough_retries_that_loss_alone_rarely_looks_filtered()
    {
        var timing = new HostTiming(Limits with { MaxRetries = 2, MissedAnswerRisk = 1e-6, MaxRetriesUnderLoss = 20 });
        for (var i = 0; i < 64; i++)
        {
            // 36% of attempts lost: 20% each way on a loopback path
            timing.OnReply(TimeSpan.FromMilliseconds(1), attempt: 1);
        }

        for (var i = 0; i < 36; i++)
        {
            timing.OnReply(TimeSpan.FromMilliseconds(1), attempt: 2);
        }

        Assert.Equal(0.36 / 1.36, timing.LossRate, 6);
        Assert.Equal(11, timing.AttemptsForSilence);
    }

    [Fact]
    public void A_clean_path_keeps_the_configured_retries()
    {
        var timing = new HostTiming(Limits with { MaxRetries = 2 });
        timing.OnReply(TimeSpan.FromMilliseconds(1), attempt: 1);

        Assert.Equal(3, timing.AttemptsForSilence);
    }

    [Fact]
    public void Silence_is_retried_up_to_the_limit()
    {
        var timing = new HostTiming(Limits with { MaxRetries = 2 });

        Assert.True(timing.ShouldRetry(1));
        Assert.True(timing.ShouldRetry(2));
        Assert.False(timing.ShouldRetry(3));
    }
}
