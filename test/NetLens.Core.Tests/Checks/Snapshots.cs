using System.Net;
using System.Net.Sockets;
using NetLens.Core.Addressing;
using NetLens.Core.Links;
using NetLens.Core.Routing;

namespace NetLens.Core.Tests.Checks;

/// <summary>Hand-built snapshots in ip's terms: links by name, routes by prefix, rules by priority.</summary>
internal sealed class Snapshots
{
    private readonly List<Link> _links = [new() { Index = 1, Name = "lo", Flags = Up }];
    private readonly List<InterfaceAddress> _addresses = [];
    private readonly List<PolicyRule> _rules = [];
    private readonly List<Route> _routes = [];

    private const uint Up = 0x1 | 0x10000;

    public Snapshots Link(string name, bool up = true, string? kind = null)
    {
        _links.Add(new Link { Index = _links.Count + 1, Name = name, Flags = up ? Up : 0, Kind = kind });
        return this;
    }

    public int Dev(string name) => _links.Single(l => l.Name == name).Index;

    /// <summary>An address and its connected route, as the kernel adds them.</summary>
    public Snapshots Address(string dev, string cidr)
    {
        var prefix = Prefix(cidr);
        _addresses.Add(new InterfaceAddress { Family = prefix.Family, InterfaceIndex = Dev(dev), Local = prefix.Address, PrefixLength = prefix.Length });
        return Route(Connected(cidr, dev));
    }

    public Snapshots Route(Route route)
    {
        _routes.Add(route);
        return this;
    }

    public Snapshots Rule(PolicyRule rule)
    {
        _rules.Add(rule);
        return this;
    }

    /// <summary>The kernel's default rules of a family (a snapshot with any rule has no implicit ones).</summary>
    public Snapshots DefaultRules(AddressFamily family = AddressFamily.InterNetwork) =>
        Rule(new() { Family = family, Priority = 0, Table = RouteTables.Local })
            .Rule(new() { Family = family, Priority = 32766, Table = RouteTables.Main })
            .Rule(new() { Family = family, Priority = 32767, Table = RouteTables.Default });

    public Route Connected(string cidr, string dev)
    {
        var prefix = Prefix(cidr);
        var network = Network(prefix);
        return new Route
        {
            Family = prefix.Family,
            Destination = network,
            OutputInterface = Dev(dev),
            Protocol = RouteProtocols.Kernel,
            Scope = RouteScope.Link,
            PreferredSource = prefix.Address,
        };
    }

    public Route Via(string destination, string gateway, string dev, uint table = RouteTables.Main, uint? metric = null, RouteFlags flags = RouteFlags.None) => new()
    {
        Family = Prefix(destination).Family,
        Destination = Prefix(destination),
        Gateway = IPAddress.Parse(gateway),
        OutputInterface = Dev(dev),
        Table = table,
        Priority = metric,
        Flags = flags,
    };

    public Route Direct(string destination, string dev, uint table = RouteTables.Main, RouteFlags flags = RouteFlags.None) => new()
    {
        Family = Prefix(destination).Family,
        Destination = Prefix(destination),
        OutputInterface = Dev(dev),
        Table = table,
        Scope = RouteScope.Link,
        Flags = flags,
    };

    public RoutingSnapshot Build() => new(_links, _addresses, _rules, _routes);

    public static IpPrefix Prefix(string text) =>
        text == "default" ? IpPrefix.Default(AddressFamily.InterNetwork)
        : IpPrefix.TryParse(text, out var prefix) ? prefix : throw new ArgumentException(text);

    private static IpPrefix Network(IpPrefix prefix)
    {
        var bytes = prefix.Address.GetAddressBytes();
        for (var bit = prefix.Length; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return new IpPrefix(new IPAddress(bytes), prefix.Length);
    }
}
