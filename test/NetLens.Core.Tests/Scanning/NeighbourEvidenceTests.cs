using System.Net;
using NetLens.Core.Links;
using NetLens.Core.Scanning;

namespace NetLens.Core.Tests.Scanning;

public class NeighbourEvidenceTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(2);

    [Theory]
    [InlineData(NeighbourStates.Reachable)]
    [InlineData(NeighbourStates.Stale)]
    [InlineData(NeighbourStates.Delay)]
    [InlineData(NeighbourStates.Probe)]
    public void An_entry_the_neighbour_confirmed_during_the_probes_proves_it_up(NeighbourStates state)
    {
        Assert.True(NeighbourEvidence.ProvesUp(Entry("198.18.9.2", state, true, 0.3), Window));
    }

    [Fact]
    public void An_entry_the_kernel_still_holds_reachable_proves_it_up_though_confirmed_before_the_probes()
    {
        Assert.True(NeighbourEvidence.ProvesUp(Entry("198.18.9.2", NeighbourStates.Reachable, true, 20), Window));
    }

    [Fact]
    public void A_confirmation_older_than_the_probes_proves_nothing()
    {
        Assert.False(NeighbourEvidence.ProvesUp(Entry("198.18.9.2", NeighbourStates.Stale, true, 40), Window));
    }

    [Theory]
    [InlineData(NeighbourStates.Incomplete, false)]
    [InlineData(NeighbourStates.Failed, false)]
    [InlineData(NeighbourStates.Permanent, true)]
    [InlineData(NeighbourStates.NoArp, true)]
    public void Unanswered_failed_and_hand_made_entries_prove_nothing(NeighbourStates state, bool hasLinkAddress)
    {
        Assert.False(NeighbourEvidence.ProvesUp(Entry("198.18.9.3", state, hasLinkAddress, 0.1), Window));
    }

    [Fact]
    public void The_reason_is_arp_for_ipv4_and_nd_for_ipv6()
    {
        Assert.Equal("arp-response", NeighbourEvidence.Reason(Entry("198.18.9.2", NeighbourStates.Reachable, true, 0)).Word());
        Assert.Equal("nd-response", NeighbourEvidence.Reason(Entry("2001:db8:9::2", NeighbourStates.Reachable, true, 0)).Word());
    }

    private static Neighbour Entry(string address, NeighbourStates state, bool hasLinkAddress, double confirmedSecondsAgo) => new()
    {
        Address = IPAddress.Parse(address),
        InterfaceIndex = 2,
        State = state,
        HasLinkAddress = hasLinkAddress,
        SinceConfirmed = TimeSpan.FromSeconds(confirmedSecondsAgo),
    };
}
