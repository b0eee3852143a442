using System.Net;
using System.Net.Sockets;
using NetLens.Core.Addressing;
using NetLens.Core.Links;
using NetLens.Core.Routing;

namespace NetLens.Cli.Tests.Snapshots;

/// <summary>A snapshot with every field of every model record set to something other than its default.</summary>
internal static class RichSnapshot
{
    public static RoutingSnapshot Create()
    {
        Link[] links =
        [
            new() { Index = 1, Name = "lo", Flags = 0x49, Mtu = 65536, DeviceType = 772 },
            new() { Index = 7, Name = "br-4433db5330c8", Kind = "bridge", Flags = 0x1003, Mtu = 1500, DeviceType = 1 },
            new() { Index = 9, Name = "veth1", Kind = "veth", Flags = 0x1003, Mtu = 1500, Master = 7, DeviceType = 1 },
        ];
        InterfaceAddress[] addresses =
        [
            new() { Family = AddressFamily.InterNetwork, InterfaceIndex = 7, Local = IPAddress.Parse("198.19.17.1"), PrefixLength = 16, Scope = 0, Flags = 0x80, Label = "br-4433db5330c8" },
            new() { Family = AddressFamily.InterNetwork, InterfaceIndex = 9, Local = IPAddress.Parse("198.18.200.1"), PrefixLength = 32, Peer = IPAddress.Parse("198.18.200.2"), Scope = 253 },
            new() { Family = AddressFamily.InterNetworkV6, InterfaceIndex = 9, Local = IPAddress.Parse("2001:db8::1"), PrefixLength = 64, Flags = 0x2 | 0x200 },
        ];
        PolicyRule[] rules =
        [
            new()
            {
                Family = AddressFamily.InterNetwork,
                Priority = 100,
                Table = 100,
                Action = RuleAction.ToTable,
                Invert = true,
                Flags = 2,
                From = IpPrefix.TryParse("198.18.2.0/24", out var from) ? from : default,
                To = IpPrefix.TryParse("198.19.0.0/16", out var to) ? to : default,
                Tos = 0x10,
                FwMark = 0xca6c,
                FwMask = 0xffff,
                InputInterface = "veth1",
                OutputInterface = "lo",
                UidRange = new PortRange(1000, 1999),
                SourcePorts = new PortRange(1024, 2048),
                DestinationPorts = new PortRange(53, 53),
                IpProtocol = 17,
                SuppressPrefixLength = 0,
                SuppressInterfaceGroup = 3,
                GotoPriority = 500,
                L3MasterDevice = true,
                Protocol = 4,
                Realms = 0x00020003,
            },
            new() { Family = AddressFamily.InterNetworkV6, Priority = 32766, Table = RouteTables.Main },
        ];
        Route[] routes =
        [
            new()
            {
                Family = AddressFamily.InterNetwork,
                Type = RouteType.Unicast,
                Table = 51820,
                Destination = new IpPrefix(IPAddress.Parse("198.18.10.0"), 24),
                HasDestinationAttribute = false,
                Source = new IpPrefix(IPAddress.Parse("198.18.2.0"), 24),
                Tos = 0x10,
                Protocol = RouteProtocols.Bird,
                Scope = RouteScope.Link,
                Flags = RouteFlags.OnLink | RouteFlags.LinkDown,
                Priority = 100,
                Gateway = IPAddress.Parse("198.18.1.254"),
                Via = IPAddress.Parse("2001:db8::fe"),
                OutputInterface = 9,
                InputInterface = 7,
                PreferredSource = IPAddress.Parse("198.18.200.1"),
                NexthopId = 12,
                Mark = 0x10,
                Uid = 1000,
                Realms = 0x00010002,
                Ipv6Preference = 1,
                ExpiresSeconds = 1799,
                Metrics = [new RouteMetric(RouteMetricKinds.Mtu, 1400), new RouteMetric(RouteMetricKinds.AdvMss, 1360)],
                LockedMetrics = 1u << RouteMetricKinds.Mtu,
                CongestionControl = "cubic",
                EncapType = 1,
            },
            new()
            {
                Family = AddressFamily.InterNetworkV6,
                Destination = new IpPrefix(IPAddress.Parse("2001:db8:11::"), 48),
                Priority = 1024,
                Nexthops =
                [
                    new() { Gateway = IPAddress.Parse("2001:db8::fd"), OutputInterface = 9, Weight = 2, Flags = RouteFlags.OnLink, Realms = 5 },
                    new() { Via = IPAddress.Parse("198.18.0.253"), Weight = 1 },
                ],
            },
            new() { Family = AddressFamily.InterNetwork, Type = RouteType.Blackhole, Destination = IpPrefix.Default(AddressFamily.InterNetwork) },
        ];
        return new RoutingSnapshot(links, addresses, rules, routes);
    }

    /// <summary>Every field equal, lists compared by content (records compare lists by reference).</summary>
    public static void AssertSame(RoutingSnapshot expected, RoutingSnapshot actual)
    {
        Assert.Equal(expected.Links, actual.Links);
        Assert.Equal(expected.Addresses, actual.Addresses);
        Assert.Equal(expected.Rules, actual.Rules);
        Assert.Equal(expected.Routes.Count, actual.Routes.Count);
        for (var i = 0; i < expected.Routes.Count; i++)
        {
            var (e, a) = (expected.Routes[i], actual.Routes[i]);
            Assert.Equal(e.Nexthops, a.Nexthops);
            Assert.Equal(e.Metrics, a.Metrics);
            Assert.Equal(e with { Nexthops = [], Metrics = [] }, a with { Nexthops = [], Metrics = [] });
        }
    }
}
