using System.Net;
using System.Net.Sockets;
using NetLens.Core.Addressing;
using NetLens.Core.Links;
using NetLens.Core.Routing;
using NetLens.Core.Routing.Diff;

namespace NetLens.Core.Tests.Diff;

/// <summary>Routing diff: identity (family, table, destination, source, tos, metric, type) decides same-or-not; the rest is "changed".</summary>
public class RoutingDifferTests
{
    private static readonly Link[] Links =
    [
        new() { Index = 2, Name = "eth0" },
        new() { Index = 3, Name = "eth1" },
    ];

    private static Route V4(string destination, string? via = null, int dev = 2, uint? metric = null, uint table = RouteTables.Main) => new()
    {
        Family = AddressFamily.InterNetwork,
        Destination = Prefix(destination),
        Gateway = via is null ? null : IPAddress.Parse(via),
        OutputInterface = dev,
        Priority = metric,
        Table = table,
    };

    private static IpPrefix Prefix(string text) => IpPrefix.TryParse(text, out var prefix) ? prefix : throw new FormatException(text);

    private static RoutingSnapshot Snapshot(IEnumerable<Route> routes, IEnumerable<PolicyRule>? rules = null, IEnumerable<InterfaceAddress>? addresses = null, IEnumerable<Link>? links = null) =>
        new([.. links ?? Links], [.. addresses ?? []], [.. rules ?? []], [.. routes]);

    [Fact]
    public void Identical_snapshots_have_no_difference()
    {
        var routes = new[] { V4("198.18.5.0/24", "198.18.0.2"), V4("0.0.0.0/0", "198.18.0.1", metric: 100) };

        var diff = RoutingDiffer.Compare(Snapshot(routes), Snapshot(routes.Select(r => r with { })));

        Assert.True(diff.IsEmpty);
    }

    [Fact]
    public void A_new_route_is_added_and_a_missing_one_removed()
    {
        var before = Snapshot([V4("198.18.5.0/24", "198.18.0.2"), V4("198.18.6.0/24", "198.18.0.2")]);
        var after = Snapshot([V4("198.18.5.0/24", "198.18.0.2"), V4("198.18.7.0/24", "198.18.0.3")]);

        var diff = RoutingDiffer.Compare(before, after);

        Assert.Collection(
            diff.Routes,
            c => Assert.Equal((ChangeKind.Removed, Prefix("198.18.6.0/24")), (c.Kind, c.Before!.Destination)),
            c => Assert.Equal((ChangeKind.Added, Prefix("198.18.7.0/24")), (c.Kind, c.After!.Destination)));
    }

    [Fact]
    public void Another_gateway_for_the_same_identity_is_a_change_naming_the_field()
    {
        var diff = RoutingDiffer.Compare(Snapshot([V4("198.18.5.0/24", "198.18.0.2")]), Snapshot([V4("198.18.5.0/24", "198.18.0.9")]));

        var change = Assert.Single(diff.Routes);
        Assert.Equal(ChangeKind.Changed, change.Kind);
        Assert.Equal(["gateway"], change.Fields);
        Assert.Equal(IPAddress.Parse("198.18.0.2"), change.Before!.Gateway);
        Assert.Equal(IPAddress.Parse("198.18.0.9"), change.After!.Gateway);
    }

    [Theory]
    [InlineData("metric")]
    [InlineData("table")]
    [InlineData("tos")]
    [InlineData("type")]
    [InlineData("source")]
    public void A_different_identity_part_makes_another_route(string part)
    {
        var route = V4("198.18.5.0/24", "198.18.0.2", metric: 100);
        var other = part switch
        {
            "metric" => route with { Priority = 200 },
            "table" => route with { Table = 100 },
            "tos" => route with { Tos = 0x10 },
            "type" => route with { Type = RouteType.Blackhole },
            _ => route with { Source = Prefix("198.18.9.0/24") },
        };

        var diff = RoutingDiffer.Compare(Snapshot([route]), Snapshot([other]));

        Assert.Equal([ChangeKind.Removed, ChangeKind.Added], diff.Routes.Select(c => c.Kind));
    }

    [Fact]
    public void Each_attribute_outside_the_identity_is_named_when_it_changes()
    {
        var route = V4("198.18.5.0/24", "198.18.0.2");
        var changed = route with
        {
            OutputInterface = 3,
            PreferredSource = IPAddress.Parse("198.18.0.1"),
            Protocol = RouteProtocols.Dhcp,
            Scope = RouteScope.Link,
            Flags = RouteFlags.OnLink,
            Metrics = [new RouteMetric(RouteMetricKinds.Mtu, 1400)],
        };

        var change = Assert.Single(RoutingDiffer.Compare(Snapshot([route]), Snapshot([changed])).Routes);

        Assert.Equal(["dev", "prefsrc", "protocol", "scope", "flags", "metrics"], change.Fields);
    }

    [Fact]
    public void Nexthop_weights_are_compared()
    {
        var ecmp = V4("198.18.11.0/24", dev: 0) with
        {
            OutputInterface = null,
            Nexthops = [new() { Gateway = IPAddress.Parse("198.18.0.253"), OutputInterface = 2, Weight = 1 }, new() { Gateway = IPAddress.Parse("198.18.1.253"), OutputInterface = 3, Weight = 3 }],
        };
        var reweighted = ecmp with { Nexthops = [ecmp.Nexthops[0], ecmp.Nexthops[1] with { Weight = 2 }] };

        var change = Assert.Single(RoutingDiffer.Compare(Snapshot([ecmp]), Snapshot([reweighted])).Routes);

        Assert.Equal(["nexthops"], change.Fields);
    }

    [Fact]
    public void Interfaces_are_compared_by_name_not_index()
    {
        Link[] renumbered = [new() { Index = 12, Name = "eth0" }, new() { Index = 13, Name = "eth1" }];

        var diff = RoutingDiffer.Compare(Snapshot([V4("198.18.5.0/24", dev: 2)]), Snapshot([V4("198.18.5.0/24", dev: 12)], links: renumbered));

        Assert.True(diff.IsEmpty);
    }

    [Fact]
    public void Appended_routes_of_one_identity_cancel_out_pairwise()
    {
        var a = V4("198.18.5.0/24", "198.18.0.2");
        var b = V4("198.18.5.0/24", "198.18.0.3");
        var c = V4("198.18.5.0/24", "198.18.0.4");

        var diff = RoutingDiffer.Compare(Snapshot([a, b]), Snapshot([b, c]));

        var change = Assert.Single(diff.Routes);
        Assert.Equal((ChangeKind.Changed, a, c), (change.Kind, change.Before, change.After));
    }

    [Fact]
    public void Rules_are_matched_by_priority_and_selector()
    {
        var mark = new PolicyRule { Family = AddressFamily.InterNetwork, Priority = 100, FwMark = 0x10, Table = 100 };
        var from = new PolicyRule { Family = AddressFamily.InterNetwork, Priority = 200, From = Prefix("198.18.2.1/32"), Table = 200 };
        var moved = mark with { Table = 101 };
        var added = new PolicyRule { Family = AddressFamily.InterNetwork, Priority = 300, UidRange = new PortRange(1000, 1999), Table = 100 };

        var diff = RoutingDiffer.Compare(Snapshot([], [mark, from]), Snapshot([], [moved, added]));

        Assert.Equal(
            [(ChangeKind.Changed, 100u), (ChangeKind.Removed, 200u), (ChangeKind.Added, 300u)],
            diff.Rules.Select(c => (c.Kind, c.Current.Priority)));
        Assert.Equal(["action"], diff.Rules[0].Fields);
    }

    [Fact]
    public void Addresses_are_matched_by_interface_name_address_and_length()
    {
        var address = new InterfaceAddress { Family = AddressFamily.InterNetwork, InterfaceIndex = 2, Local = IPAddress.Parse("198.18.0.1"), PrefixLength = 24 };
        var relabelled = address with { Label = "eth0:1" };
        var longer = address with { PrefixLength = 25 };

        var diff = RoutingDiffer.Compare(Snapshot([], addresses: [address]), Snapshot([], addresses: [relabelled, longer]));

        Assert.Equal([(ChangeKind.Changed, 24), (ChangeKind.Added, 25)], diff.Addresses.Select(c => (c.Kind, c.Current.PrefixLength)));
        Assert.Equal(["label"], diff.Addresses[0].Fields);
        Assert.Equal(2, diff.Count);
    }
}
