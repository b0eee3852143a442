using NetLens.Core.Trace;

namespace NetLens.Core.Tests.Trace;

public class LatencyReaderTests
{
    [Fact]
    public void A_flat_path_has_nothing_to_say()
    {
        Assert.Equal([LatencyKind.None, LatencyKind.None, LatencyKind.None], LatencyReader.Read([0.2, 0.3, 0.25]));
    }

    [Fact]
    public void A_rise_that_later_hops_keep_is_a_jump_at_the_first_hop_that_shows_it()
    {
        Assert.Equal(
            [LatencyKind.None, LatencyKind.None, LatencyKind.Jump, LatencyKind.None, LatencyKind.None],
            LatencyReader.Read([0.3, 0.5, 40.2, 40.9, 41.0]));
    }

    [Fact]
    public void One_slow_router_whose_later_hops_are_fast_again_is_a_slow_reply()
    {
        Assert.Equal(
            [LatencyKind.None, LatencyKind.SlowReply, LatencyKind.None, LatencyKind.None],
            LatencyReader.Read([0.3, 25.0, 0.6, 0.7]));
    }

    [Fact]
    public void A_real_jump_after_a_slow_replier_is_measured_from_the_path_not_from_the_slow_hop()
    {
        Assert.Equal(
            [LatencyKind.None, LatencyKind.SlowReply, LatencyKind.Jump, LatencyKind.None],
            LatencyReader.Read([0.3, 30.0, 12.0, 12.4]));
    }

    [Fact]
    public void Silent_hops_are_skipped_and_a_rise_on_the_last_hop_is_a_jump()
    {
        Assert.Equal(
            [LatencyKind.None, LatencyKind.None, LatencyKind.Jump],
            LatencyReader.Read([0.3, null, 9.0]));
    }

    [Fact]
    public void A_first_hop_of_a_few_ms_is_just_the_local_link()
    {
        Assert.Equal([LatencyKind.None, LatencyKind.None, LatencyKind.Jump], LatencyReader.Read([2.5, 3.0, 30.0]));
    }

    [Fact]
    public void Small_rises_are_noise_relative_to_a_long_path()
    {
        // The first link's 80 ms is the path's (every later hop keeps it); 3 ms more on top is under a fifth: jitter, not news.
        Assert.Equal([LatencyKind.Jump, LatencyKind.None, LatencyKind.None], LatencyReader.Read([80.0, 83.0, 82.5]));
    }
}
