using System.Net;
using NetLens.Core.Links;

namespace NetLens.Linux.Tests.Routing;

public class LinkAndAddressMessageTests
{
    [Fact]
    public void Links_have_names_kinds_mtu_type_flags_and_master()
    {
        var links = Captured.Links();

        Assert.Equal(["lo", "veth1", "veth0", "br0"], links.Select(l => l.Name));
        var lo = links[0];
        var veth0 = links.Single(l => l.Name == "veth0");
        var veth1 = links.Single(l => l.Name == "veth1");
        var br0 = links.Single(l => l.Name == "br0");
        Assert.Equal((1, (ushort)772, 65536u, (string?)null), (lo.Index, lo.DeviceType, lo.Mtu, lo.Kind));
        Assert.True(lo.IsUp);
        Assert.Equal(("veth", 1400u, (ushort)1), (veth0.Kind, veth0.Mtu, veth0.DeviceType));
        Assert.Equal("bridge", br0.Kind);
        Assert.Equal(br0.Index, veth1.Master);
        Assert.Null(veth0.Master);
    }

    [Fact]
    public void Links_carry_their_packet_counters_from_ifla_stats64()
    {
        var links = Captured.Links();

        // Read off the capture's IFLA_STATS64 by hand: veth0 sent 5 and received 14, its peer veth1 the other way round.
        Assert.Equal(new LinkCounters(14, 5), links.Single(l => l.Name == "veth0").Counters);
        Assert.Equal(new LinkCounters(5, 14), links.Single(l => l.Name == "veth1").Counters);
        Assert.Equal(new LinkCounters(0, 0), links.Single(l => l.Name == "lo").Counters);
    }

    [Fact]
    public void Ipv4_addresses_have_prefix_label_scope_and_peer()
    {
        var addresses = Captured.Addresses("addr-dump-ipv4.hex");

        var loopback = Assert.Single(addresses, a => a.Local.Equals(IPAddress.Loopback));
        var labelled = Assert.Single(addresses, a => a.Local.Equals(IPAddress.Parse("198.18.1.1")));
        var pointToPoint = Assert.Single(addresses, a => a.Local.Equals(IPAddress.Parse("198.18.5.1")));
        var plain = Assert.Single(addresses, a => a.Local.Equals(IPAddress.Parse("198.18.0.1")));
        Assert.Equal((8, (byte)254), (loopback.PrefixLength, loopback.Scope));
        Assert.Equal("br0:lab", labelled.Label);
        Assert.Equal(IPAddress.Parse("198.18.5.2"), pointToPoint.Peer);
        Assert.Equal(32, pointToPoint.PrefixLength);
        Assert.Null(plain.Peer);
        Assert.Equal(24, plain.PrefixLength);
        Assert.Equal(Captured.IndexOf("veth0"), plain.InterfaceIndex);
    }

    [Fact]
    public void Ipv6_addresses_carry_IFA_FLAGS()
    {
        var addresses = Captured.Addresses("addr-dump-ipv6.hex");

        var nodad = Assert.Single(addresses, a => a.Local.Equals(IPAddress.Parse("2001:db8:1::1")));
        Assert.Equal(64, nodad.PrefixLength);
        Assert.Equal(0x02u, nodad.Flags & 0x02u);
        Assert.Equal(0x80u, nodad.Flags & 0x80u);
        Assert.Contains(addresses, a => a.Local.Equals(IPAddress.IPv6Loopback));
    }
}
