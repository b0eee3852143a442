using System.Net;
using NetLens.Core.Addressing;
using NetLens.Core.Firewall.Planning;
using NetLens.Core.Firewall.Rulesets;
using NetLens.Core.Firewall.Spec;

namespace NetLens.Core.Tests.Firewall;

public class RuleTextTests
{
    private static readonly IReadOnlyList<PortRange> Thousand = [.. Enumerable.Range(0, 1000).Select(i => new PortRange(20000 + (2 * i), 20000 + (2 * i)))];

    [Fact]
    public void Many_ports_are_one_nft_set()
    {
        var rule = new PortRule(FirewallHook.Input, FirewallProtocol.Tcp, [new PortRange(80, 80), new PortRange(443, 443), new PortRange(10000, 10999)], null);

        Assert.Equal("tcp dport { 80, 443, 10000-10999 } accept comment \"netlens in tcp 80,443,10000-10999\"", NftRuleText.Expression(rule));
    }

    [Fact]
    public void A_zoned_remote_matches_its_link_in_both_backends_and_names_it_in_the_comment()
    {
        var inbound = new PortRule(FirewallHook.Input, FirewallProtocol.Tcp, [new PortRange(22, 22)], new IpPrefix(IPAddress.Parse("fe80::1"), 128), "eth0");
        var outbound = inbound with { Hook = FirewallHook.Output };

        Assert.Equal("iifname \"eth0\" ip6 saddr fe80::1/128 tcp dport 22 accept comment \"netlens in tcp 22 from fe80::1/128%eth0\"", NftRuleText.Expression(inbound));
        Assert.Equal("-s fe80::1/128 -i eth0 -p tcp -m tcp --dport 22 -m comment --comment \"netlens in tcp 22 from fe80::1/128%eth0\" -j ACCEPT", Assert.Single(IptablesRuleText.Specs(inbound)));
        Assert.StartsWith("oifname \"eth0\" ip6 daddr fe80::1/128 ", NftRuleText.Expression(outbound), StringComparison.Ordinal);
        Assert.StartsWith("-d fe80::1/128 -o eth0 -p tcp", Assert.Single(IptablesRuleText.Specs(outbound)), StringComparison.Ordinal);
        Assert.NotEqual(inbound.Comment, (inbound with { Device = "eth1" }).Comment);
    }

    [Fact]
    public void A_thousand_single_ports_are_sixty_seven_multiport_rules_of_at_most_fifteen()
    {
        var specs = IptablesRuleText.Specs(new PortRule(FirewallHook.Input, FirewallProtocol.Udp, Thousand, null));

        Assert.Equal(67, specs.Count);
        Assert.All(specs, s => Assert.True(s.Split("--dports ")[1].Split(' ')[0].Split(',').Length <= 15));
        Assert.Equal(1000, specs.Sum(s => s.Split("--dports ")[1].Split(' ')[0].Split(',').Length));
    }

    [Fact]
    public void A_range_takes_two_multiport_slots()
    {
        var ranges = Enumerable.Range(0, 8).Select(i => new PortRange(1000 * (i + 1), (1000 * (i + 1)) + 10)).ToList();

        var specs = IptablesRuleText.Specs(new PortRule(FirewallHook.Input, FirewallProtocol.Tcp, ranges, null));

        Assert.Equal([7, 1], specs.Select(s => s.Split("--dports ")[1].Split(' ')[0].Split(',').Length));
    }

    [Fact]
    public void Output_rules_name_the_destination()
    {
        var rule = new PortRule(FirewallHook.Output, FirewallProtocol.Tcp, [new PortRange(22, 22)], IpPrefix.Host(IPAddress.Parse("2001:db8::2")));

        Assert.Equal("ip6 daddr 2001:db8::2/128 tcp dport 22 accept comment \"netlens out tcp 22 to 2001:db8::2/128\"", NftRuleText.Expression(rule));
        Assert.Equal("-d 2001:db8::2/128 -p tcp -m tcp --dport 22 -m comment --comment \"netlens out tcp 22 to 2001:db8::2/128\" -j ACCEPT", Assert.Single(IptablesRuleText.Specs(rule)));
    }

    [Fact]
    public void A_long_port_list_gets_a_short_stable_comment()
    {
        var rule = new PortRule(FirewallHook.Input, FirewallProtocol.Udp, Thousand, null);

        Assert.Matches(@"^netlens in udp 1000 ports 20000\.\.21998 #[0-9a-f]{8}$", rule.Comment);
        Assert.Equal(rule.Comment, new PortRule(FirewallHook.Input, FirewallProtocol.Udp, [.. Thousand], null).Comment);
    }

    [Fact]
    public void The_peer_gets_the_mirror_image()
    {
        var ports = new ResolvedPorts([new PortGroup(FirewallProtocol.Udp, [new PortRange(8472, 8472)])], []);

        var peer = PeerPlan.Build(IPAddress.Parse("198.18.0.2"), IPAddress.Parse("198.18.0.1"), ports, PortDirection.In);

        Assert.Equal("netlens port open 8472/udp --peer 198.18.0.1 --direction out", peer.NetlensCommand);
        Assert.Equal(["iptables -I OUTPUT 1 -d 198.18.0.1/32 -p udp -m udp --dport 8472 -m comment --comment \"netlens out udp 8472 to 198.18.0.1/32\" -j ACCEPT"], peer.IptablesCommands);
        Assert.Equal(["nft insert rule inet filter output ip daddr 198.18.0.1/32 udp dport 8472 accept comment \"netlens out udp 8472 to 198.18.0.1/32\""], peer.NftCommands);
    }
}
