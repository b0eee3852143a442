using System.Net;
using System.Net.Sockets;
using NetLens.Core.Addressing;
using NetLens.Core.Links;
using NetLens.Core.Routing;
using NetLens.Core.Routing.Origin;

namespace NetLens.Core.Tests.Routing;

public class RouteOriginClassifierTests
{
    private static readonly Link[] Links =
    [
        new() { Index = 2, Name = "eth0" },
        new() { Index = 3, Name = "docker0", Kind = "bridge" },
        new() { Index = 4, Name = "br-4433db5330c8", Kind = "bridge" },
        new() { Index = 5, Name = "virbr0", Kind = "bridge" },
        new() { Index = 6, Name = "lxcbr0", Kind = "bridge" },
        new() { Index = 7, Name = "wg0", Kind = "wireguard" },
        new() { Index = 8, Name = "tun0", Kind = "tun" },
        new() { Index = 9, Name = "ppp0" },
        new() { Index = 10, Name = "tailscale0", Kind = "tun" },
        new() { Index = 11, Name = "ztabcdef12", Kind = "tun" },
        new() { Index = 12, Name = "cni0", Kind = "bridge" },
        new() { Index = 13, Name = "flannel.1", Kind = "vxlan" },
        new() { Index = 14, Name = "cali12ab34cd56e", Kind = "veth" },
        new() { Index = 15, Name = "cilium_host", Kind = "veth" },
        new() { Index = 16, Name = "vxlan.calico", Kind = "vxlan" },
        new() { Index = 17, Name = "kube-ipvs0", Kind = "dummy" },
        new() { Index = 18, Name = "weave", Kind = "bridge" },
        new() { Index = 19, Name = "mullvad", Kind = "wireguard" },
        new() { Index = 20, Name = "lxc0a1b2c3d4e5f", Kind = "veth" },
        new() { Index = 21, Name = "br-lan", Kind = "bridge" },
        new() { Index = 22, Name = "vxlan42", Kind = "vxlan", Tunnel = new Tunnel("vxlan") { Id = 42, Remote = System.Net.IPAddress.Parse("198.18.2.2"), Port = 8472 } },
    ];

    private static readonly InterfaceNames Names = new(Links);

    private static Route On(int dev, byte protocol = RouteProtocols.Kernel, uint table = RouteTables.Main) => new()
    {
        Family = AddressFamily.InterNetwork,
        Destination = new IpPrefix(IPAddress.Parse("198.18.0.0"), 16),
        OutputInterface = dev,
        Protocol = protocol,
        Table = table,
    };

    private static RouteOrigin Classify(Route route, params PolicyRule[] rules) => RouteOriginClassifier.Classify(route, Names, rules);

    [Theory]
    [InlineData(3, RouteOriginKind.Docker, "docker")]
    [InlineData(4, RouteOriginKind.Docker, "docker")]
    [InlineData(5, RouteOriginKind.Libvirt, "libvirt")]
    [InlineData(6, RouteOriginKind.Lxc, "lxc")]
    [InlineData(7, RouteOriginKind.Vpn, "vpn (wireguard)")]
    [InlineData(19, RouteOriginKind.Vpn, "vpn (wireguard)")]
    [InlineData(8, RouteOriginKind.Vpn, "vpn (tun)")]
    [InlineData(9, RouteOriginKind.Vpn, "vpn (ppp)")]
    [InlineData(10, RouteOriginKind.Vpn, "vpn (tailscale)")]
    [InlineData(11, RouteOriginKind.Vpn, "vpn (zerotier)")]
    [InlineData(12, RouteOriginKind.KubernetesCni, "kubernetes cni (bridge)")]
    [InlineData(13, RouteOriginKind.KubernetesCni, "kubernetes cni (flannel)")]
    [InlineData(14, RouteOriginKind.KubernetesCni, "kubernetes cni (calico)")]
    [InlineData(16, RouteOriginKind.KubernetesCni, "kubernetes cni (calico)")]
    [InlineData(15, RouteOriginKind.KubernetesCni, "kubernetes cni (cilium)")]
    [InlineData(20, RouteOriginKind.KubernetesCni, "kubernetes cni (cilium)")]
    [InlineData(17, RouteOriginKind.KubernetesCni, "kubernetes cni (kube-proxy)")]
    [InlineData(18, RouteOriginKind.KubernetesCni, "kubernetes cni (weave)")]
    public void Device_tells_the_origin_even_for_connected_routes(int dev, RouteOriginKind kind, string label)
    {
        var origin = Classify(On(dev));

        Assert.Equal(kind, origin.Kind);
        Assert.Equal(label, origin.Label);
        Assert.Contains(Links.Single(l => l.Index == dev).Name, origin.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Docker_default_bridge_reason_names_it()
    {
        Assert.Equal("device docker0 is docker's default bridge", Classify(On(3)).Reason);
    }

    [Fact]
    public void A_bridge_named_br_dash_something_else_is_not_docker()
    {
        Assert.Equal(RouteOriginKind.Kernel, Classify(On(21)).Kind);
    }

    [Theory]
    [InlineData(RouteProtocols.Kernel, RouteOriginKind.Kernel, "kernel")]
    [InlineData(RouteProtocols.Dhcp, RouteOriginKind.Dhcp, "dhcp")]
    [InlineData(RouteProtocols.Ra, RouteOriginKind.RouterAdvertisement, "ra")]
    [InlineData(RouteProtocols.Boot, RouteOriginKind.Static, "static")]
    [InlineData(RouteProtocols.Static, RouteOriginKind.Static, "static")]
    [InlineData(RouteProtocols.Redirect, RouteOriginKind.Redirect, "redirect")]
    [InlineData(RouteProtocols.Bird, RouteOriginKind.RoutingDaemon, "bird")]
    [InlineData(RouteProtocols.Bgp, RouteOriginKind.RoutingDaemon, "bgp")]
    [InlineData(RouteProtocols.Ospf, RouteOriginKind.RoutingDaemon, "ospf")]
    [InlineData(RouteProtocols.Zebra, RouteOriginKind.RoutingDaemon, "zebra")]
    [InlineData(RouteProtocols.Babel, RouteOriginKind.RoutingDaemon, "babel")]
    [InlineData(RouteProtocols.Unspecified, RouteOriginKind.Unknown, "unknown")]
    [InlineData((byte)250, RouteOriginKind.Unknown, "250")]
    public void Plain_device_falls_back_to_the_protocol(byte protocol, RouteOriginKind kind, string label)
    {
        var origin = Classify(On(2, protocol));

        Assert.Equal(kind, origin.Kind);
        Assert.Equal(label, origin.Label);
    }

    [Fact]
    public void A_vxlan_device_is_an_overlay_named_by_vni_remote_and_port()
    {
        var origin = Classify(On(22));

        Assert.Equal(RouteOriginKind.Overlay, origin.Kind);
        Assert.Equal("overlay (vxlan 42 via 198.18.2.2:8472)", origin.Label);
    }

    [Fact]
    public void Local_table_is_local_whatever_the_device()
    {
        Assert.Equal(RouteOriginKind.Local, Classify(On(3, table: RouteTables.Local)).Kind);
    }

    [Fact]
    public void Wg_quick_table_with_its_fwmark_rule_is_wireguard_vpn()
    {
        var route = On(2, RouteProtocols.Boot, RouteOriginClassifier.WgQuickTable) with { OutputInterface = null };
        var rule = new PolicyRule { Family = AddressFamily.InterNetwork, Priority = 32765, Table = 51820, Invert = true, FwMark = 51820 };

        var origin = Classify(route, rule);

        Assert.Equal(RouteOriginKind.Vpn, origin.Kind);
        Assert.Equal("vpn (wireguard)", origin.Label);
        Assert.Contains("not fwmark 0xca6c", origin.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_51820_without_a_rule_falls_back_to_protocol()
    {
        var route = On(2, RouteProtocols.Static, RouteOriginClassifier.WgQuickTable);

        Assert.Equal(RouteOriginKind.Static, Classify(route).Kind);
    }

    [Fact]
    public void Multipath_route_uses_its_first_nexthop_device()
    {
        var route = On(2) with { OutputInterface = null, Nexthops = [new Nexthop { OutputInterface = 7 }, new Nexthop { OutputInterface = 2 }] };

        Assert.Equal(RouteOriginKind.Vpn, Classify(route).Kind);
    }
}
