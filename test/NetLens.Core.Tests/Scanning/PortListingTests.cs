using NetLens.Core.Scanning;

namespace NetLens.Core.Tests.Scanning;

public class PortListingTests
{
    private static IEnumerable<PortResult> Many(int from, int count, PortState state, PortReason reason) =>
        Enumerable.Range(from, count).Select(p => new PortResult(p, state, reason));

    [Fact]
    public void A_state_with_more_than_25_ports_is_summed_up_not_listed()
    {
        var ports = Many(1000, 997, PortState.Closed, PortReason.ConnRefused)
            .Append(new PortResult(22, PortState.Open, PortReason.SynAck))
            .Append(new PortResult(80, PortState.Filtered, PortReason.NoResponse))
            .ToList();

        var listing = PortListing.From(ports);

        Assert.Equal([22, 80], listing.Shown.Select(p => p.Port));
        var hidden = Assert.Single(listing.Hidden);
        Assert.Equal(PortState.Closed, hidden.State);
        Assert.Equal(997, hidden.Count);
        Assert.Equal([(PortReason.ConnRefused, 997)], hidden.Reasons);
    }

    [Fact]
    public void Exactly_25_ports_of_a_state_are_still_listed()
    {
        var listing = PortListing.From([.. Many(1, 25, PortState.Closed, PortReason.ConnRefused)]);

        Assert.Equal(25, listing.Shown.Count);
        Assert.Empty(listing.Hidden);
    }

    [Fact]
    public void Open_ports_are_always_listed()
    {
        var listing = PortListing.From([.. Many(1, 100, PortState.Open, PortReason.SynAck)]);

        Assert.Equal(100, listing.Shown.Count);
    }

    [Fact]
    public void Several_hidden_states_come_largest_first_with_their_reasons()
    {
        var ports = Many(1, 30, PortState.Closed, PortReason.ConnRefused)
            .Concat(Many(100, 40, PortState.Filtered, PortReason.NoResponse))
            .Concat(Many(200, 2, PortState.Filtered, PortReason.HostUnreach))
            .ToList();

        var listing = PortListing.From(ports);

        Assert.Equal([PortState.Filtered, PortState.Closed], listing.Hidden.Select(h => h.State));
        Assert.Equal([(PortReason.NoResponse, 40), (PortReason.HostUnreach, 2)], listing.Hidden[0].Reasons);
        Assert.Empty(listing.Shown);
    }
}
