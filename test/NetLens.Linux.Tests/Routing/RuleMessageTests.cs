using System.Net.Sockets;
using NetLens.Core.Routing;

namespace NetLens.Linux.Tests.Routing;

public class RuleMessageTests
{
    private static readonly List<PolicyRule> Ipv4 = Captured.Rules("rule-dump-ipv4.hex");
    private static readonly List<PolicyRule> Ipv6 = Captured.Rules("rule-dump-ipv6.hex");

    private static PolicyRule At(uint priority) => Assert.Single(Ipv4, r => r.Priority == priority);

    [Fact]
    public void Rules_come_in_priority_order_with_the_default_tables()
    {
        Assert.Equal([0u, 100, 110, 120, 130, 140, 150, 160, 170, 180, 190, 32766, 32767], Ipv4.Select(r => r.Priority));
        Assert.Equal([RouteTables.Local, RouteTables.Main, RouteTables.Default], new[] { Ipv4[0], Ipv4[^2], Ipv4[^1] }.Select(r => r.Table));
        Assert.All(Ipv4, r => Assert.Equal(AddressFamily.InterNetwork, r.Family));
    }

    [Fact]
    public void Fwmark_rule_has_mark_mask_and_table()
    {
        var rule = At(100);

        Assert.Equal((0x10u, 0xffu, 100u), (rule.FwMark, rule.FwMask, rule.Table));
        Assert.Equal(RuleAction.ToTable, rule.Action);
        Assert.Null(rule.SuppressPrefixLength);
    }

    [Fact]
    public void From_and_inverted_to_selectors()
    {
        Assert.Equal("198.18.0.0/24", At(110).From?.ToString());
        Assert.Null(At(110).To);
        Assert.True(At(120).Invert);
        Assert.Equal("198.18.20.0/24", At(120).To?.ToString());
        Assert.Equal(RouteTables.Main, At(120).Table);
        Assert.False(At(110).Invert);
    }

    [Fact]
    public void Uid_interface_protocol_and_port_selectors()
    {
        Assert.Equal(new PortRange(1000, 2000), At(130).UidRange);
        Assert.Equal(("veth0", "br0"), (At(140).InputInterface, At(140).OutputInterface));
        Assert.Equal((byte)6, At(150).IpProtocol);
        Assert.Equal(new PortRange(1000, 1000), At(150).SourcePorts);
        Assert.Equal(new PortRange(80, 90), At(150).DestinationPorts);
    }

    [Fact]
    public void Suppress_goto_prohibit_tos_and_protocol()
    {
        Assert.Equal(0, At(160).SuppressPrefixLength);
        Assert.Equal((RuleAction.Goto, 190u), (At(170).Action, At(170).GotoPriority));
        Assert.Equal(RuleAction.Prohibit, At(180).Action);
        Assert.Equal(((byte)0x10, RouteProtocols.Static), (At(190).Tos, At(190).Protocol));
    }

    [Fact]
    public void Ipv6_rules_have_a_v6_source_and_unreachable_action()
    {
        Assert.Equal("2001:db8:1::/64", Assert.Single(Ipv6, r => r.Priority == 100).From?.ToString());
        Assert.Equal(RuleAction.Unreachable, Assert.Single(Ipv6, r => r.Priority == 110).Action);
    }
}
