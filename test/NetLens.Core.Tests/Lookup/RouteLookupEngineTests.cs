using System.Net;
using System.Net.Sockets;
using NetLens.Core.Addressing;
using NetLens.Core.Links;
using NetLens.Core.Routing;
using NetLens.Core.Routing.Lookup;

namespace NetLens.Core.Tests.Lookup;

/// <summary>The lookup engine on hand-built snapshots: longest prefix, tos, metric, rejects, throw, rules, preferred source.</summary>
public class RouteLookupEngineTests
{
    private const int Lo = 1;
    private const int Eth0 = 2;
    private const int Eth1 = 3;

    [Fact]
    public void The_longest_prefix_wins_and_the_answer_is_a_host_route_with_the_devices_address()
    {
        var engine = Engine([Via("198.18.0.0/16", "198.18.0.254", Eth0), Via("198.18.7.0/24", "198.18.1.9", Eth1), Via("0.0.0.0/0", "198.18.0.254", Eth0)]);

        var result = engine.Lookup(Ask("198.18.7.9"), uid: 0);

        Assert.Equal(LookupStatus.Answered, result.Status);
        Assert.Equal(IpPrefix.Host(IPAddress.Parse("198.18.7.9")), result.Answer!.Destination);
        Assert.Equal(IPAddress.Parse("198.18.1.9"), result.Answer.Gateway);
        Assert.Equal(Eth1, result.Answer.OutputInterface);
        Assert.Equal(IPAddress.Parse("198.18.1.1"), result.Answer.PreferredSource);
        Assert.Equal(RouteFlags.Cloned, result.Answer.Flags);
        Assert.Equal("198.18.7.0/24", result.MatchedRoute!.Destination.ToString());
    }

    [Theory]
    [InlineData("198.18.1.127", "198.18.1.0/25")]
    [InlineData("198.18.1.128", "198.18.1.128/31")]
    [InlineData("198.18.1.129", "198.18.1.129/32")]
    [InlineData("198.18.1.130", "198.18.1.0/24")]
    [InlineData("198.18.2.0", "198.18.0.0/15")]
    [InlineData("198.20.0.1", "0.0.0.0/0")]
    public void Prefix_edges_pick_the_longest_prefix_that_contains_the_address(string address, string expected)
    {
        var engine = Engine(
        [
            Via("0.0.0.0/0", "198.18.0.254", Eth0), Via("198.18.0.0/15", "198.18.0.2", Eth0), Via("198.18.1.0/24", "198.18.0.3", Eth0),
            Via("198.18.1.0/25", "198.18.0.4", Eth0), Via("198.18.1.128/31", "198.18.0.5", Eth0), Via("198.18.1.129/32", "198.18.0.6", Eth0),
        ]);

        var result = engine.Lookup(Ask(address), uid: 0);

        Assert.Equal(expected, result.MatchedRoute!.Destination.ToString());
    }

    [Fact]
    public void Among_routes_of_one_prefix_the_first_in_kernel_order_wins_and_the_trace_says_why_the_other_lost()
    {
        var engine = Engine([Via("198.18.9.0/24", "198.18.0.7", Eth0) with { Priority = 100 }, Via("198.18.9.0/24", "198.18.1.7", Eth1) with { Priority = 200 }]);

        var result = engine.Lookup(Ask("198.18.9.1"), uid: 0, trace: true);

        Assert.Equal(IPAddress.Parse("198.18.0.7"), result.Answer!.Gateway);
        var candidates = result.Trace!.Tables.Single(t => t.Table == RouteTables.Main).Candidates;
        Assert.Equal([CandidateVerdict.Winner, CandidateVerdict.LostToEarlierSamePrefix], candidates.Select(c => c.Verdict));
        Assert.Contains("metric 200 > the winner's 100", candidates[1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tos_route_serves_only_packets_with_that_tos_and_the_answer_carries_it()
    {
        var engine = Engine([Via("198.18.9.0/24", "198.18.0.7", Eth0) with { Tos = 0x10 }, Via("198.18.0.0/16", "198.18.1.8", Eth1)]);

        var plain = engine.Lookup(Ask("198.18.9.1"), uid: 0);
        var marked = engine.Lookup(Ask("198.18.9.1") with { Tos = 0x10 }, uid: 0);

        Assert.Equal("198.18.0.0/16", plain.MatchedRoute!.Destination.ToString());
        Assert.Equal("198.18.9.0/24", marked.MatchedRoute!.Destination.ToString());
        Assert.Equal(0x10, marked.Answer!.Tos);
    }

    [Theory]
    [InlineData(RouteType.Unreachable, LookupErrors.EHOSTUNREACH, "No route to host")]
    [InlineData(RouteType.Prohibit, LookupErrors.EACCES, "Permission denied")]
    [InlineData(RouteType.Blackhole, LookupErrors.EINVAL, "Invalid argument")]
    public void Reject_routes_refuse_with_the_kernels_errno(RouteType type, int errno, string words)
    {
        var engine = Engine([Reject("198.18.9.0/24", type), Via("0.0.0.0/0", "198.18.0.254", Eth0)]);

        var result = engine.Lookup(Ask("198.18.9.1"), uid: 0);

        Assert.Equal(LookupStatus.Refused, result.Status);
        Assert.Equal(errno, result.Errno);
        Assert.Equal(words, result.Error);
    }

    [Fact]
    public void No_route_anywhere_is_network_unreachable()
    {
        var engine = Engine([Via("198.18.9.0/24", "198.18.0.7", Eth0)]);

        var result = engine.Lookup(Ask("198.19.1.1"), uid: 0);

        Assert.Equal((LookupStatus.Refused, LookupErrors.ENETUNREACH), (result.Status, result.Errno));
    }

    [Fact]
    public void A_source_no_interface_has_is_network_unreachable_and_a_configured_one_is_printed_as_from()
    {
        var engine = Engine([Via("0.0.0.0/0", "198.18.0.254", Eth0)]);

        var foreign = engine.Lookup(Ask("198.19.1.1") with { From = IPAddress.Parse("198.18.9.9") }, uid: 0);
        var own = engine.Lookup(Ask("198.19.1.1") with { From = IPAddress.Parse("198.18.2.1") }, uid: 0);

        Assert.Equal((LookupStatus.Refused, LookupErrors.ENETUNREACH), (foreign.Status, foreign.Errno));
        Assert.Equal(IpPrefix.Host(IPAddress.Parse("198.18.2.1")), own.Answer!.Source);
        Assert.Null(own.Answer.PreferredSource);
    }

    [Fact]
    public void A_throw_route_sends_the_lookup_on_to_the_next_rule()
    {
        var engine = Engine(
            [Reject("198.18.9.0/24", RouteType.Throw) with { Table = 100 }, Via("0.0.0.0/0", "198.18.0.254", Eth0) with { Table = 100 }, Via("198.18.0.0/16", "198.18.1.5", Eth1)],
            [Rule(100, 100)]);

        var thrown = engine.Lookup(Ask("198.18.9.1"), uid: 0, trace: true);
        var kept = engine.Lookup(Ask("198.18.10.1"), uid: 0);

        Assert.Equal(RouteTables.Main, thrown.Answer!.Table);
        Assert.Equal(RuleVerdict.PassedOn, thrown.Trace!.Rules.Single(s => s.Rule.Priority == 100).Verdict);
        Assert.Equal(100u, kept.Answer!.Table);
    }

    [Fact]
    public void Suppress_prefixlength_0_ignores_a_default_route_but_not_a_longer_one()
    {
        var engine = Engine(
            [Via("0.0.0.0/0", "198.18.0.254", Eth0), Via("198.18.9.0/24", "198.18.0.7", Eth0), Via("0.0.0.0/0", "198.18.1.254", Eth1) with { Table = 51820 }],
            [Rule(31999, RouteTables.Main) with { SuppressPrefixLength = 0 }, Rule(32000, 51820)]);

        Assert.Equal(51820u, engine.Lookup(Ask("198.19.1.1"), uid: 0).Answer!.Table);
        Assert.Equal(RouteTables.Main, engine.Lookup(Ask("198.18.9.1"), uid: 0).Answer!.Table);
    }

    [Fact]
    public void Goto_jumps_over_the_rules_in_between_and_nop_passes()
    {
        var engine = Engine(
            [Via("0.0.0.0/0", "198.18.0.254", Eth0), Via("0.0.0.0/0", "198.18.1.254", Eth1) with { Table = 100 }],
            [Rule(60, 0) with { Action = RuleAction.Goto, GotoPriority = 400, FwMark = 0x30, FwMask = 0xf0 }, Rule(70, 0) with { Action = RuleAction.Nop }, Rule(100, 100), Rule(400, RouteTables.Main)]);

        var jumped = engine.Lookup(Ask("198.19.1.1") with { Mark = 0x31 }, uid: 0, trace: true);
        var plain = engine.Lookup(Ask("198.19.1.1"), uid: 0);

        Assert.Equal(RouteTables.Main, jumped.Answer!.Table);
        Assert.Equal(RuleVerdict.NotReached, jumped.Trace!.Rules.Single(s => s.Rule.Priority == 100).Verdict);
        Assert.Equal(100u, plain.Answer!.Table);
    }

    [Fact]
    public void Uidrange_fwmark_and_rule_actions_select_as_the_kernel_does()
    {
        var engine = Engine(
            [Via("0.0.0.0/0", "198.18.0.254", Eth0), Via("0.0.0.0/0", "198.18.1.254", Eth1) with { Table = 300 }],
            [Rule(50, 0) with { Action = RuleAction.Prohibit, FwMark = 0x20 }, Rule(60, 0) with { Action = RuleAction.Unreachable, FwMark = 0x50 }, Rule(300, 300) with { UidRange = new PortRange(1000, 1999) }]);

        Assert.Equal(300u, engine.Lookup(Ask("198.19.1.1"), uid: 1500).Answer!.Table);
        Assert.Equal(RouteTables.Main, engine.Lookup(Ask("198.19.1.1"), uid: 2000).Answer!.Table);
        Assert.Equal(LookupErrors.EACCES, engine.Lookup(Ask("198.19.1.1") with { Mark = 0x20 }, uid: 0).Errno);
        Assert.Equal(LookupErrors.ENETUNREACH, engine.Lookup(Ask("198.19.1.1") with { Mark = 0x50 }, uid: 0).Errno);
    }

    [Fact]
    public void The_trace_says_why_a_rule_did_not_match()
    {
        var engine = Engine([Via("0.0.0.0/0", "198.18.0.254", Eth0)], [Rule(100, 100) with { FwMark = 0x10 }]);

        var result = engine.Lookup(Ask("198.19.1.1"), uid: 0, trace: true);

        var step = result.Trace!.Rules.Single(s => s.Rule.Priority == 100);
        Assert.Equal(RuleVerdict.NotMatched, step.Verdict);
        Assert.Equal("fwmark 0x10/0xffffffff ≠ 0x0", step.Detail);
    }

    [Fact]
    public void Ecmp_and_several_default_routes_are_left_to_the_kernel()
    {
        var ecmp = Via("198.18.9.0/24", "198.18.0.7", Eth0) with
        {
            Gateway = null,
            OutputInterface = null,
            Nexthops = [new Nexthop { Gateway = IPAddress.Parse("198.18.0.7"), OutputInterface = Eth0 }, new Nexthop { Gateway = IPAddress.Parse("198.18.1.7"), OutputInterface = Eth1, Weight = 3 }],
        };
        var engine = Engine([ecmp, Via("0.0.0.0/0", "198.18.0.254", Eth0) with { Priority = 10 }, Via("0.0.0.0/0", "198.18.1.254", Eth1) with { Priority = 20 }]);

        Assert.Equal(LookupStatus.AskKernel, engine.Lookup(Ask("198.18.9.1"), uid: 0).Status);
        Assert.Equal(LookupStatus.AskKernel, engine.Lookup(Ask("198.19.9.1"), uid: 0).Status);
    }

    [Fact]
    public void The_source_is_prefsrc_else_the_address_on_the_gateways_subnet()
    {
        var engine = Engine([Via("198.18.9.0/24", "198.18.2.7", Eth1), Via("198.18.10.0/24", "198.18.2.7", Eth1) with { PreferredSource = IPAddress.Parse("198.18.1.1") }]);

        Assert.Equal(IPAddress.Parse("198.18.2.1"), engine.Lookup(Ask("198.18.9.1"), uid: 0).Answer!.PreferredSource);
        Assert.Equal(IPAddress.Parse("198.18.1.1"), engine.Lookup(Ask("198.18.10.1"), uid: 0).Answer!.PreferredSource);
    }

    [Fact]
    public void Without_custom_rules_a_local_answer_is_left_to_the_kernel_which_merges_local_into_main()
    {
        var local = new Route { Family = AddressFamily.InterNetwork, Type = RouteType.Local, Table = RouteTables.Local, Destination = P("198.18.0.1/32"), OutputInterface = Eth0, Scope = RouteScope.Host, PreferredSource = IPAddress.Parse("198.18.0.1") };
        var engine = new RouteLookupEngine(Snapshot([local, Via("0.0.0.0/0", "198.18.0.254", Eth0)], DefaultRules()));

        Assert.Equal(LookupStatus.AskKernel, engine.Lookup(Ask("198.18.0.1"), uid: 0).Status);
        Assert.Equal(LookupStatus.Answered, engine.Lookup(Ask("198.19.0.1"), uid: 0).Status);
    }

    [Fact]
    public void Ipv6_takes_the_only_global_address_of_the_device_and_defers_when_there_are_two()
    {
        var route = new Route { Family = AddressFamily.InterNetworkV6, Destination = P("2001:db8:10::/48"), Gateway = IPAddress.Parse("2001:db8::fe"), OutputInterface = Eth0, Priority = 1024 };
        var one = new RouteLookupEngine(Snapshot([route], DefaultRules(AddressFamily.InterNetworkV6), [V6("2001:db8::1", Eth0), V6("2001:db8:1::1", Eth1)]));
        var two = new RouteLookupEngine(Snapshot([route], DefaultRules(AddressFamily.InterNetworkV6), [V6("2001:db8::1", Eth0), V6("2001:db8::2", Eth0)]));

        var answer = one.Lookup(Ask("2001:db8:10::5"), uid: 0).Answer!;

        Assert.Equal(IPAddress.Parse("2001:db8::1"), answer.PreferredSource);
        Assert.Equal(new IpPrefix(IPAddress.IPv6Any, 128), answer.Source);
        Assert.Equal(1024u, answer.Priority);
        Assert.Equal(LookupStatus.AskKernel, two.Lookup(Ask("2001:db8:10::5"), uid: 0).Status);
    }

    private static RouteLookupEngine Engine(IReadOnlyList<Route> routes, IReadOnlyList<PolicyRule>? extraRules = null) =>
        new(Snapshot(routes, [.. DefaultRules(), .. extraRules ?? []]));

    private static RoutingSnapshot Snapshot(IReadOnlyList<Route> routes, IReadOnlyList<PolicyRule> rules, IReadOnlyList<InterfaceAddress>? addresses = null) => new(
        [new Link { Index = Lo, Name = "lo" }, new Link { Index = Eth0, Name = "eth0" }, new Link { Index = Eth1, Name = "eth1" }],
        addresses ?? [V4("198.18.0.1", 24, Eth0), V4("198.18.1.1", 24, Eth1), V4("198.18.2.1", 24, Eth1)],
        rules,
        routes);

    private static PolicyRule[] DefaultRules(AddressFamily family = AddressFamily.InterNetwork) =>
        [Rule(0, RouteTables.Local, family), Rule(32766, RouteTables.Main, family), Rule(32767, RouteTables.Default, family)];

    private static PolicyRule Rule(uint priority, uint table, AddressFamily family = AddressFamily.InterNetwork) =>
        new() { Family = family, Priority = priority, Table = table };

    private static RouteLookupRequest Ask(string address) => new() { Destination = IPAddress.Parse(address) };

    private static Route Via(string prefix, string gateway, int device) => new()
    {
        Family = AddressFamily.InterNetwork,
        Destination = P(prefix),
        Gateway = IPAddress.Parse(gateway),
        OutputInterface = device,
    };

    private static Route Reject(string prefix, RouteType type) => new() { Family = AddressFamily.InterNetwork, Destination = P(prefix), Type = type };

    private static InterfaceAddress V4(string address, int length, int device) =>
        new() { Family = AddressFamily.InterNetwork, InterfaceIndex = device, Local = IPAddress.Parse(address), PrefixLength = length };

    private static InterfaceAddress V6(string address, int device) =>
        new() { Family = AddressFamily.InterNetworkV6, InterfaceIndex = device, Local = IPAddress.Parse(address), PrefixLength = 64 };

    private static IpPrefix P(string text) => IpPrefix.TryParse(text, out var prefix) ? prefix : throw new FormatException(text);
}
