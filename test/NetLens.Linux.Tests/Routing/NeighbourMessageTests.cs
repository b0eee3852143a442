using System.Net;
using NetLens.Core.Links;
using NetLens.Linux.Routing;

namespace NetLens.Linux.Tests.Routing;

/// <summary>RTM_NEWNEIGH as the kernel lays it out (linux/neighbour.h): ndmsg, then NDA_DST, NDA_LLADDR, NDA_CACHEINFO.</summary>
public class NeighbourMessageTests
{
    [Fact]
    public void A_reachable_arp_entry_is_decoded_with_the_age_of_its_confirmation()
    {
        byte[] payload =
        [
            2, 0, 0, 0, 7, 0, 0, 0, 0x02, 0x00, 0x00, 0x01, // AF_INET, ifindex 7, NUD_REACHABLE, flags 0, type RTN_UNICAST
            8, 0, 1, 0, 198, 18, 9, 2,                         // NDA_DST 198.18.9.2
            10, 0, 2, 0, 0x02, 0x42, 0xac, 0x11, 0x00, 0x02, 0, 0, // NDA_LLADDR, 6 bytes, padded to 4
            20, 0, 3, 0, 150, 0, 0, 0, 10, 0, 0, 0, 5, 0, 0, 0, 1, 0, 0, 0, // NDA_CACHEINFO: confirmed 150 ticks ago
        ];

        var neighbour = NeighbourMessage.Decode(payload);

        Assert.NotNull(neighbour);
        Assert.Equal(IPAddress.Parse("198.18.9.2"), neighbour.Address);
        Assert.Equal(7, neighbour.InterfaceIndex);
        Assert.Equal(NeighbourStates.Reachable, neighbour.State);
        Assert.True(neighbour.HasLinkAddress);
        Assert.Equal(TimeSpan.FromSeconds(1.5), neighbour.SinceConfirmed);
    }

    [Fact]
    public void A_failed_resolution_has_no_link_address()
    {
        byte[] payload =
        [
            10, 0, 0, 0, 3, 0, 0, 0, 0x20, 0x00, 0x00, 0x01, // AF_INET6, ifindex 3, NUD_FAILED
            20, 0, 1, 0, 0x20, 0x01, 0x0d, 0xb8, 0, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, // NDA_DST 2001:db8:9::3
        ];

        var neighbour = NeighbourMessage.Decode(payload);

        Assert.NotNull(neighbour);
        Assert.Equal(IPAddress.Parse("2001:db8:9::3"), neighbour.Address);
        Assert.Equal(NeighbourStates.Failed, neighbour.State);
        Assert.False(neighbour.HasLinkAddress);
        Assert.Null(neighbour.SinceConfirmed);
    }

    [Fact]
    public void A_truncated_header_is_refused()
    {
        Assert.Throws<InvalidDataException>(() => NeighbourMessage.Decode(new byte[8]));
    }
}
