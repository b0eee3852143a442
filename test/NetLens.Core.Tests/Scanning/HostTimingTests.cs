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

        timing.OnReply(TimeSpan.FromMilliseconds(200), afterRetry: false);

        Assert.Equal(TimeSpan.FromMilliseconds(200), timing.SmoothedRtt);
        Assert.Equal(TimeSpan.FromMilliseconds(100), timing.RttVariance);
        Assert.Equal(TimeSpan.FromMilliseconds(600), timing.Timeout);
    }

    [Fact]
    public void Later_replies_smooth_by_one_eighth_and_one_quarter()
    {
        var timing = new HostTiming(Limits);
        timing.OnReply(TimeSpan.FromMilliseconds(200), afterRetry: false);

        timing.OnReply(TimeSpan.FromMilliseconds(600), afterRetry: false);

        Assert.Equal(TimeSpan.FromMilliseconds(250), timing.SmoothedRtt);
        Assert.Equal(TimeSpan.FromMilliseconds(175), timing.RttVariance);
    }

    [Fact]
    public void The_timeout_stays_within_its_limits()
    {
        var fast = new HostTiming(Limits);
        fast.OnReply(TimeSpan.FromTicks(10), afterRetry: false);
        var slow = new HostTiming(Limits);
        slow.OnReply(TimeSpan.FromSeconds(30), afterRetry: false);

        Assert.Equal(TimeSpan.FromMilliseconds(100), fast.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(10), slow.Timeout);
    }

    [Fact]
    public void The_window_grows_by_one_per_reply_in_slow_start_then_slower()
    {
        var timing = new HostTiming(Limits);

        for (var i = 0; i < 10; i++)
        {
            timing.OnReply(TimeSpan.FromMilliseconds(1), afterRetry: false);
        }

        Assert.Equal(20, timing.Window);
        timing.OnReply(TimeSpan.FromMilliseconds(1), afterRetry: false);
        Assert.Equal(20, timing.Window);
    }

    [Fact]
    public void An_answered_retry_means_a_loss_and_halves_the_window()
    {
        var timing = new HostTiming(Limits);

        timing.OnReply(TimeSpan.FromMilliseconds(1), afterRetry: true);

        Assert.Equal(5, timing.Window);
    }

    [Fact]
    public void Drops_never_take_the_window_below_its_floor()
    {
        var timing = new HostTiming(Limits);

        for (var i = 0; i < 20; i++)
        {
            timing.OnDrop();
        }

        Assert.Equal(1, timing.Window);
    }

    [Fact]
    public void The_window_never_passes_its_ceiling()
    {
        var timing = new HostTiming(Limits with { InitialSlowStartThreshold = 1000 });

        for (var i = 0; i < 500; i++)
        {
            timing.OnReply(TimeSpan.FromMilliseconds(1), afterRetry: false);
        }

        Assert.Equal(100, timing.Window);
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
