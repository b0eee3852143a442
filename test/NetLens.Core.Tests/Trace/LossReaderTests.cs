using NetLens.Core.Trace;

namespace NetLens.Core.Tests.Trace;

public class LossReaderTests
{
    [Fact]
    public void No_loss_anywhere_is_none_everywhere()
    {
        Assert.Equal([LossKind.None, LossKind.None, LossKind.None], LossReader.Read([0, 0, 0]));
    }

    [Fact]
    public void Loss_at_one_hop_that_later_hops_do_not_share_is_rate_limiting()
    {
        Assert.Equal([LossKind.None, LossKind.RateLimited, LossKind.None, LossKind.None], LossReader.Read([0, 48, 0, 0]));
    }

    [Fact]
    public void Loss_that_continues_to_the_destination_is_real_from_the_first_hop_that_shows_it()
    {
        Assert.Equal([LossKind.None, LossKind.None, LossKind.Real, LossKind.Real, LossKind.Real], LossReader.Read([0, 0, 30, 55, 28]));
    }

    [Fact]
    public void Rate_limiting_before_a_real_loss_stays_rate_limiting()
    {
        Assert.Equal([LossKind.RateLimited, LossKind.None, LossKind.Real, LossKind.Real], LossReader.Read([60, 0, 20, 20]));
    }

    [Fact]
    public void A_hop_that_never_answers_between_answering_hops_is_rate_limited()
    {
        Assert.Equal([LossKind.None, LossKind.RateLimited, LossKind.None], LossReader.Read([0, 100, 0]));
    }

    [Fact]
    public void An_empty_trace_reads_as_nothing()
    {
        Assert.Empty(LossReader.Read([]));
    }
}
