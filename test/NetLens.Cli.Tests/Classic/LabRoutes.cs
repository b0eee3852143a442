using System.Net;
using System.Net.Sockets;
using NetLens.Core.Addressing;
using NetLens.Core.Links;
using NetLens.Core.Routing;

namespace NetLens.Cli.Tests.Classic;

/// <summary>
/// The routes Fixtures/classic/capture.sh creates, written as the netlink dump would carry them
/// (kernel order: IPv4 tables 100, 70000, default, main, local; then IPv6), so formatter output
/// can be compared with what iproute2 and net-tools printed for the same namespace.
/// </summary>
internal static class LabRoutes
{
    public const int Lo = 1;
    public const int V1p = 2;
    public const int V1 = 3;
    public const int V2p = 4;
    public const int V2 = 5;
    public const int V3 = 7;

    public static InterfaceNames Interfaces { get; } = new(
    [
        new Link { Index = Lo, Name = "lo" },
        new Link { Index = V1p, Name = "v1p", Kind = "veth" },
        new Link { Index = V1, Name = "v1", Kind = "veth" },
        new Link { Index = V2p, Name = "v2p", Kind = "veth" },
        new Link { Index = V2, Name = "v2", Kind = "veth" },
        new Link { Index = 6, Name = "v3p", Kind = "veth" },
        new Link { Index = V3, Name = "v3", Kind = "veth" },
    ]);

    public static IPAddress A(string text) => IPAddress.Parse(text);

    public static IpPrefix P(string text) => IpPrefix.TryParse(text == "default" ? "0.0.0.0/0" : text, out var p) ? p : throw new FormatException(text);

    public static Route V4(string destination) => new() { Family = AddressFamily.InterNetwork, Destination = P(destination) };

    public static Route V6(string destination, uint metric = 1024) => new()
    {
        Family = AddressFamily.InterNetworkV6,
        Destination = destination == "default" ? IpPrefix.Default(AddressFamily.InterNetworkV6) : P(destination),
        Priority = metric,
        Ipv6Preference = 0,
    };

    private static Route Connected(string destination, int dev, string src) =>
        V4(destination) with { OutputInterface = dev, Protocol = RouteProtocols.Kernel, Scope = RouteScope.Link, PreferredSource = A(src) };

    private static Route Via(string destination, string gateway, int dev = V1) =>
        V4(destination) with { Gateway = A(gateway), OutputInterface = dev };

    public static Route[] Table100V4 { get; } =
    [
        Via("default", "198.18.2.254", V2) with { Table = 100 },
        V4("198.18.30.0/24") with { OutputInterface = V2, Table = 100, Protocol = RouteProtocols.Static, Scope = RouteScope.Link },
        V4("198.18.31.1") with { Type = RouteType.Local, OutputInterface = V1, Table = 100, Scope = RouteScope.Host },
    ];

    public static Route[] OtherTablesV4 { get; } =
    [
        V4("default") with { Type = RouteType.Unreachable, Table = 70000, Priority = 4278198272 },
        Via("198.18.33.0/24", "198.18.1.12") with { Table = 70000 },
        Via("198.18.32.0/24", "198.18.1.11") with { Table = RouteTables.Default },
    ];

    public static RouteMetric[] ManyMetrics { get; } =
    [
        new(RouteMetricKinds.Mtu, 1400), new(RouteMetricKinds.Window, 65535), new(RouteMetricKinds.Rtt, 2000),
        new(RouteMetricKinds.RttVar, 8000), new(RouteMetricKinds.AdvMss, 1360), new(RouteMetricKinds.HopLimit, 32),
        new(RouteMetricKinds.InitCwnd, 10), new(RouteMetricKinds.Features, 1), new(RouteMetricKinds.QuickAck, 1),
    ];

    public static Route[] MainV4 { get; } =
    [
        Via("default", "198.18.1.254") with { Protocol = RouteProtocols.Dhcp, PreferredSource = A("198.18.1.1"), Priority = 100 },
        Connected("198.18.1.0/24", V1, "198.18.1.1"),
        Connected("198.18.2.0/24", V2, "198.18.2.1"),
        Connected("198.18.3.0/24", V3, "198.18.3.1") with { Flags = RouteFlags.LinkDown },
        Via("198.18.10.0/24", "198.18.1.2") with { Protocol = RouteProtocols.Static, Priority = 5 },
        Via("198.18.11.0/24", "198.18.99.1") with { Flags = RouteFlags.OnLink },
        V4("198.18.12.0/24") with
        {
            Protocol = RouteProtocols.Bird,
            Nexthops =
            [
                new Nexthop { Gateway = A("198.18.1.3"), OutputInterface = V1, Weight = 2 },
                new Nexthop { Gateway = A("198.18.2.3"), OutputInterface = V2, Weight = 1 },
            ],
        },
        V4("198.18.13.0/24") with { Type = RouteType.Blackhole },
        V4("198.18.14.0/24") with { Type = RouteType.Unreachable, Priority = 10 },
        V4("198.18.15.0/24") with { Type = RouteType.Prohibit },
        V4("198.18.16.0/24") with { Type = RouteType.Throw },
        Via("198.18.17.0/24", "198.18.1.4") with
        {
            Metrics = ManyMetrics,
            LockedMetrics = 1u << RouteMetricKinds.Mtu,
            CongestionControl = "cubic",
        },
        V4("198.18.18.5") with { OutputInterface = V1, Scope = RouteScope.Link },
        V4("198.18.19.0/24") with { OutputInterface = V1, Protocol = 99, Scope = RouteScope.Host },
        Via("198.18.20.0/24", "198.18.1.5") with { Realms = (1u << 16) | 2 },
        Via("198.18.20.128/25", "198.18.1.5") with { Realms = 7 },
        Via("198.18.21.0/24", "198.18.1.6") with { Tos = 0x28 },
        Via("198.18.21.0/24", "198.18.1.6") with { Tos = 0x10 },
        V4("198.18.22.0/24") with { Via = A("fe80::1"), OutputInterface = V1 },
        Via("198.18.23.0/24", "198.18.3.2", V3) with { Protocol = 250, Flags = RouteFlags.LinkDown },
        Connected("198.18.24.0/24", V2, "198.18.2.1") with
        {
            Priority = 7,
            Metrics =
            [
                new(RouteMetricKinds.InitRwnd, 20), new(RouteMetricKinds.SsThresh, 100), new(RouteMetricKinds.Cwnd, 8),
                new(RouteMetricKinds.Reordering, 4), new(RouteMetricKinds.RtoMin, 300),
            ],
            LockedMetrics = 1u << RouteMetricKinds.RtoMin,
        },
        Via("198.18.25.0/24", "198.18.1.7") with { Protocol = RouteProtocols.Ospf },
        Via("198.18.26.0/24", "198.18.1.8") with { Protocol = RouteProtocols.Zebra },
        Via("198.18.27.0/24", "198.18.1.9") with { Protocol = RouteProtocols.Redirect },
        Via("198.18.28.0/24", "198.18.1.10") with { Protocol = RouteProtocols.Unspecified },
    ];

    private static Route LocalV4(RouteType type, string destination, int dev, string src, RouteScope scope) =>
        V4(destination) with
        {
            Type = type,
            OutputInterface = dev,
            Table = RouteTables.Local,
            Protocol = RouteProtocols.Kernel,
            Scope = scope,
            PreferredSource = A(src),
        };

    public static Route[] LocalV4Routes { get; } =
    [
        LocalV4(RouteType.Local, "127.0.0.0/8", Lo, "127.0.0.1", RouteScope.Host),
        LocalV4(RouteType.Local, "127.0.0.1", Lo, "127.0.0.1", RouteScope.Host),
        LocalV4(RouteType.Broadcast, "127.255.255.255", Lo, "127.0.0.1", RouteScope.Link),
        LocalV4(RouteType.Local, "198.18.1.1", V1, "198.18.1.1", RouteScope.Host),
        LocalV4(RouteType.Broadcast, "198.18.1.255", V1, "198.18.1.1", RouteScope.Link),
        LocalV4(RouteType.Local, "198.18.2.1", V2, "198.18.2.1", RouteScope.Host),
        LocalV4(RouteType.Broadcast, "198.18.2.255", V2, "198.18.2.1", RouteScope.Link),
        LocalV4(RouteType.Local, "198.18.3.1", V3, "198.18.3.1", RouteScope.Host),
        LocalV4(RouteType.Broadcast, "198.18.3.255", V3, "198.18.3.1", RouteScope.Link) with { Flags = RouteFlags.LinkDown },
    ];

    private static Route Reject6(RouteType type, string destination) => V6(destination) with { Type = type, OutputInterface = Lo };

    private static Route Kernel6(string destination, int dev) => V6(destination, 256) with { OutputInterface = dev, Protocol = RouteProtocols.Kernel };

    public static Route[] MainV6 { get; } =
    [
        Kernel6("2001:db8:1::/64", V1),
        Kernel6("2001:db8:2::/64", V2),
        V6("2001:db8:10::/48") with { Gateway = A("2001:db8:1::2"), OutputInterface = V1, Protocol = RouteProtocols.Static, Ipv6Preference = 3 },
        V6("2001:db8:11::/48") with
        {
            Nexthops =
            [
                new Nexthop { Gateway = A("2001:db8:1::3"), OutputInterface = V1, Weight = 3 },
                new Nexthop { Gateway = A("2001:db8:2::3"), OutputInterface = V2 },
            ],
        },
        Reject6(RouteType.Blackhole, "2001:db8:12::/48"),
        Reject6(RouteType.Unreachable, "2001:db8:13::/48"),
        Reject6(RouteType.Prohibit, "2001:db8:14::/48"),
        Reject6(RouteType.Throw, "2001:db8:15::/48"),
        V6("2001:db8:16::/48") with
        {
            Gateway = A("2001:db8:1::4"), OutputInterface = V1,
            Metrics = [new(RouteMetricKinds.Mtu, 1280), new(RouteMetricKinds.AdvMss, 1220), new(RouteMetricKinds.HopLimit, 10)],
            LockedMetrics = 1u << RouteMetricKinds.Mtu,
        },
        V6("2001:db8:17::5", 50) with { OutputInterface = V2 },
        V6("2001:db8:18::/48") with { Source = P("2001:db8:1::/64"), Gateway = A("2001:db8:1::5"), OutputInterface = V1 },
        V6("2001:db8:19::/48") with { OutputInterface = V2, Protocol = RouteProtocols.Bird, PreferredSource = A("2001:db8:2::1") },
        V6("2001:db8:21::/48") with { Gateway = A("2001:db8:1::6"), OutputInterface = V1, Protocol = RouteProtocols.Dhcp, ExpiresSeconds = 298 },
        Kernel6("fe80::/64", V1p),
        Kernel6("fe80::/64", V1),
        Kernel6("fe80::/64", V2p),
        Kernel6("fe80::/64", V2),
        V6("default") with { Gateway = A("2001:db8:1::fe"), OutputInterface = V1, Protocol = RouteProtocols.Ra, ExpiresSeconds = 1798, Ipv6Preference = 1 },
    ];

    private static Route Local6(RouteType type, string destination, int dev, uint metric = 0) =>
        V6(destination, metric) with { Type = type, OutputInterface = dev, Table = RouteTables.Local, Protocol = RouteProtocols.Kernel };

    public static Route[] LocalV6 { get; } =
    [
        Local6(RouteType.Local, "::1", Lo),
        Local6(RouteType.Anycast, "2001:db8:1::", V1),
        Local6(RouteType.Local, "2001:db8:1::1", V1),
        Local6(RouteType.Anycast, "2001:db8:2::", V2),
        Local6(RouteType.Local, "2001:db8:2::1", V2),
        Local6(RouteType.Anycast, "fe80::", V1),
        Local6(RouteType.Anycast, "fe80::", V2),
        Local6(RouteType.Anycast, "fe80::", V2p),
        Local6(RouteType.Anycast, "fe80::", V1p),
        Local6(RouteType.Local, "fe80::206d:f4ff:fe8a:8788", V1),
        Local6(RouteType.Local, "fe80::9c74:e6ff:fec6:975f", V2),
        Local6(RouteType.Local, "fe80::cc2b:6dff:fefa:5adf", V2p),
        Local6(RouteType.Local, "fe80::fcb3:4aff:fe44:65d0", V1p),
        Local6(RouteType.Multicast, "ff00::/8", V1p, 256),
        Local6(RouteType.Multicast, "ff00::/8", V1, 256),
        Local6(RouteType.Multicast, "ff00::/8", V2p, 256),
        Local6(RouteType.Multicast, "ff00::/8", V2, 256),
    ];

    public static Route[] Table100V6 { get; } =
    [
        V6("2001:db8:20::/48") with { Gateway = A("2001:db8:2::9"), OutputInterface = V2, Table = 100 },
    ];

    /// <summary>The whole dump in the order the kernel sends it for AF_UNSPEC.</summary>
    public static Route[] Dump { get; } =
    [
        .. Table100V4, .. OtherTablesV4, .. MainV4, .. LocalV4Routes, .. Table100V6, .. MainV6, .. LocalV6,
    ];

    public static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "classic", name));
}
