using System.Net.Sockets;
using NetLens.Core.Addressing;

namespace NetLens.Core.Routing;

/// <summary>FR_ACT_*: what a matching policy rule does.</summary>
public enum RuleAction : byte
{
    Unspecified = 0,
    ToTable = 1,
    Goto = 2,
    Nop = 3,
    Blackhole = 6,
    Unreachable = 7,
    Prohibit = 8,
}

/// <summary>One policy routing rule (RTM_NEWRULE, struct fib_rule_hdr and FRA_* attributes).</summary>
public sealed record PolicyRule
{
    public required AddressFamily Family { get; init; }

    /// <summary>FRA_PRIORITY; lower runs first.</summary>
    public uint Priority { get; init; }

    /// <summary>FRA_TABLE, else the header's table byte.</summary>
    public uint Table { get; init; }

    public RuleAction Action { get; init; } = RuleAction.ToTable;

    /// <summary>FIB_RULE_INVERT: the selector is negated ("not").</summary>
    public bool Invert { get; init; }

    /// <summary>The raw fib_rule_hdr flags.</summary>
    public uint Flags { get; init; }

    public IpPrefix? From { get; init; }

    public IpPrefix? To { get; init; }

    public byte Tos { get; init; }

    public uint? FwMark { get; init; }

    public uint? FwMask { get; init; }

    public string? InputInterface { get; init; }

    public string? OutputInterface { get; init; }

    public PortRange? UidRange { get; init; }

    public PortRange? SourcePorts { get; init; }

    public PortRange? DestinationPorts { get; init; }

    public byte? IpProtocol { get; init; }

    /// <summary>FRA_SUPPRESS_PREFIXLEN: ignore answers with a prefix this long or shorter (-1 = unset).</summary>
    public int? SuppressPrefixLength { get; init; }

    public uint? SuppressInterfaceGroup { get; init; }

    /// <summary>FRA_GOTO target priority.</summary>
    public uint? GotoPriority { get; init; }

    public bool L3MasterDevice { get; init; }

    /// <summary>FRA_PROTOCOL: who installed the rule.</summary>
    public byte Protocol { get; init; }

    public uint? Realms { get; init; }
}

/// <summary>An inclusive range (uid range, port range).</summary>
public readonly record struct PortRange(uint Start, uint End)
{
    public bool Contains(uint value) => value >= Start && value <= End;
}
