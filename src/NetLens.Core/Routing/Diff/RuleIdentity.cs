using System.Net.Sockets;
using NetLens.Core.Addressing;

namespace NetLens.Core.Routing.Diff;

/// <summary>What makes a policy rule the same rule: its priority and what it selects; what it does may change.</summary>
public readonly record struct RuleIdentity(
    AddressFamily Family,
    uint Priority,
    bool Invert,
    IpPrefix? From,
    IpPrefix? To,
    byte Tos,
    uint? FwMark,
    uint? FwMask,
    string? InputInterface,
    string? OutputInterface,
    PortRange? UidRange,
    PortRange? SourcePorts,
    PortRange? DestinationPorts,
    byte? IpProtocol,
    bool L3MasterDevice)
{
    public static RuleIdentity Of(PolicyRule rule) => new(
        rule.Family,
        rule.Priority,
        rule.Invert,
        rule.From,
        rule.To,
        rule.Tos,
        rule.FwMark,
        rule.FwMask,
        rule.InputInterface,
        rule.OutputInterface,
        rule.UidRange,
        rule.SourcePorts,
        rule.DestinationPorts,
        rule.IpProtocol,
        rule.L3MasterDevice);
}
