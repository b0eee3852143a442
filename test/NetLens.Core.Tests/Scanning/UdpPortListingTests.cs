using NetLens.Core.Scanning;

namespace NetLens.Core.Tests.Scanning;

/// <summary>nmap's table rule with TCP and UDP in one report.</summary>
public class UdpPortListingTests
{
    [Fact]
    public void A_state_is_hidden_by_its_count_over_both_protocols_and_summed_up_per_protocol()
    {
        // 20 closed tcp + 10 closed udp: neither alone passes 25, together they do, as nmap counts them
        var ports = Enumerable.Range(1, 20).Select(p => new PortResult(p, PortState.Closed, PortReason.ConnRefused))
            .Concat(Enumerable.Range(1, 10).Select(p => new PortResult(p, PortState.Closed, PortReason.PortUnreach, PortProtocol.Udp)))
            .Append(new PortResult(53, PortState.Open, PortReason.UdpResponse, PortProtocol.Udp))
            .Append(new PortResult(22, PortState.Open, PortReason.SynAck))
            .ToList();

        var listing = PortListing.From(ports);

        var hidden = Assert.Single(listing.Hidden);
        Assert.Equal(30, hidden.Count);
        Assert.Equal(
            [(PortProtocol.Tcp, 20, PortReason.ConnRefused), (PortProtocol.Udp, 10, PortReason.PortUnreach)],
            hidden.Protocols.Select(p => (p.Protocol, p.Count, Assert.Single(p.Reasons).Reason)));
        Assert.Equal([(22, PortProtocol.Tcp), (53, PortProtocol.Udp)], listing.Shown.Select(p => (p.Port, p.Protocol)));
    }
}
