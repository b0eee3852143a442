using NetLens.Core.Scanning;

namespace NetLens.Core.Tests.Scanning;

public class SendRateTests
{
    [Fact]
    public void The_cap_holds_over_a_second()
    {
        var rate = new SendRate(maxPerSecond: 1000);
        var sent = 0;
        for (var us = 0; us <= 1_000_000; us += 50)
        {
            var now = TimeSpan.FromMicroseconds(us);
            while (rate.CanSend(now))
            {
                rate.OnSent(now);
                sent++;
            }
        }

        Assert.InRange(sent, 1000, 1011);
    }

    [Fact]
    public void A_scan_behind_its_minimum_rate_is_told_so()
    {
        var rate = new SendRate(maxPerSecond: 10_000, minPerSecond: 100);
        rate.OnSent(TimeSpan.Zero);

        Assert.True(rate.IsBehindMinimum(TimeSpan.FromSeconds(1)));
        Assert.False(new SendRate().IsBehindMinimum(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void A_minimum_above_the_maximum_is_bad_input()
    {
        Assert.Throws<UsageException>(() => new SendRate(maxPerSecond: 10, minPerSecond: 20));
    }

    [Theory]
    [InlineData(0, 300)]
    [InlineData(2, 0.4)]
    public void The_slow_templates_send_one_probe_at_a_time_with_a_pause(int level, double seconds)
    {
        var timing = TimingTemplate.For(level);

        Assert.Equal(1, timing.MaxWindow);
        Assert.Equal(TimeSpan.FromSeconds(seconds), timing.ScanDelay);
    }

    [Fact]
    public void Aggressive_templates_shorten_the_timeouts()
    {
        Assert.True(TimingTemplate.For(4).MaxTimeout < ScanTiming.Default.MaxTimeout);
        Assert.True(TimingTemplate.For(5).InitialTimeout < TimingTemplate.For(4).InitialTimeout);
        Assert.Throws<UsageException>(() => TimingTemplate.For(6));
    }

    [Fact]
    public void Silence_grows_the_window_on_a_clean_path()
    {
        var timing = new HostTiming(ScanTiming.Default);
        var before = timing.Window;

        for (var i = 0; i < 20; i++)
        {
            timing.OnSilence();
        }

        Assert.Equal(before + 20, timing.Window);
    }
}
