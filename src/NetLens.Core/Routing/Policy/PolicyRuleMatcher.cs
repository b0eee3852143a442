using System.Net;
using System.Net.Sockets;

namespace NetLens.Core.Routing.Policy;

/// <summary>Whether a policy rule's selector matches a packet, the way the kernel's fib_rule_match does.</summary>
public static class PolicyRuleMatcher
{
    /// <summary>True when every selector of the rule matches (then inverted for "not" rules).</summary>
    public static bool Selects(PolicyRule rule, PacketFacts packet) => SelectorsMatch(rule, packet) != rule.Invert;

    /// <summary>The first selector that fails, in words, or null when all match (before "not" is applied).</summary>
    public static string? FirstMismatch(PolicyRule rule, PacketFacts packet)
    {
        if (rule.InputInterface is { } iif && iif != packet.InputInterface)
        {
            return $"iif {iif} ≠ {packet.InputInterface}";
        }

        if (rule.OutputInterface is { } oif && oif != packet.OutputInterface)
        {
            return $"oif {oif} ≠ {packet.OutputInterface ?? "none"}";
        }

        if (rule.FwMark is { } mark)
        {
            var mask = rule.FwMask ?? uint.MaxValue;
            if (((mark ^ packet.Mark) & mask) != 0)
            {
                return $"fwmark 0x{mark:x}/0x{mask:x} ≠ 0x{packet.Mark:x}";
            }
        }

        if (rule.UidRange is { } uids && !uids.Contains(packet.Uid))
        {
            return $"uid {packet.Uid} outside {uids.Start}-{uids.End}";
        }

        if (rule.IpProtocol is { } proto && proto != packet.IpProtocol)
        {
            return $"ipproto {proto} ≠ {packet.IpProtocol?.ToString() ?? "none"}";
        }

        if (rule.SourcePorts is { } sports && (packet.SourcePort is not { } sport || !sports.Contains(sport)))
        {
            return $"sport {packet.SourcePort?.ToString() ?? "none"} outside {sports.Start}-{sports.End}";
        }

        if (rule.DestinationPorts is { } dports && (packet.DestinationPort is not { } dport || !dports.Contains(dport)))
        {
            return $"dport {packet.DestinationPort?.ToString() ?? "none"} outside {dports.Start}-{dports.End}";
        }

        if (rule.From is { } from && !from.Contains(packet.Source ?? Unspecified(packet.Destination.AddressFamily)))
        {
            return $"from {from} does not contain {packet.Source?.ToString() ?? "the unset source"}";
        }

        if (rule.To is { } to && !to.Contains(packet.Destination))
        {
            return $"to {to} does not contain {packet.Destination}";
        }

        if (rule.Tos != 0 && rule.Tos != packet.Tos)
        {
            return $"tos 0x{rule.Tos:x2} ≠ 0x{packet.Tos:x2}";
        }

        if (rule.L3MasterDevice)
        {
            // l3mdev rules match only packets bound to a VRF device, which a plain lookup is not.
            return "l3mdev: the packet is not in a VRF";
        }

        return null;
    }

    private static bool SelectorsMatch(PolicyRule rule, PacketFacts packet) => FirstMismatch(rule, packet) is null;

    private static IPAddress Unspecified(AddressFamily family) =>
        family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any;
}
