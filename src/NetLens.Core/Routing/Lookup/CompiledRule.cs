using System.Net.Sockets;

namespace NetLens.Core.Routing.Lookup;

/// <summary>
/// A policy rule's selectors as integers, for the no-trace hot path: the same tests as
/// <see cref="Policy.PolicyRuleMatcher"/> (fib_rule_match), without building the words of a mismatch.
/// Locally generated packets only: iif is "lo", there is no oif (questions with iif/oif go to the kernel).
/// </summary>
internal sealed class CompiledRule
{
    private readonly bool _interfacesMatch;
    private readonly bool _hasMark;
    private readonly uint _mark;
    private readonly uint _markMask;
    private readonly uint _uidStart;
    private readonly uint _uidEnd;
    private readonly int _protocol;
    private readonly PortRange? _sourcePorts;
    private readonly PortRange? _destinationPorts;
    private readonly int _fromLength;
    private readonly UInt128 _from;
    private readonly int _toLength;
    private readonly UInt128 _to;
    private readonly byte _tos;
    private readonly bool _invert;
    private readonly bool _ipv6;
    private readonly int _width;

    public CompiledRule(PolicyRule rule)
    {
        _width = AddressBits.Width(rule.Family);
        _ipv6 = rule.Family == AddressFamily.InterNetworkV6;
        _interfacesMatch = rule.InputInterface is null or "lo" && rule.OutputInterface is null && !rule.L3MasterDevice;
        _hasMark = rule.FwMark is not null;
        _mark = rule.FwMark ?? 0;
        _markMask = rule.FwMask ?? uint.MaxValue;
        _uidStart = rule.UidRange?.Start ?? 0;
        _uidEnd = rule.UidRange?.End ?? uint.MaxValue;
        _protocol = rule.IpProtocol ?? -1;
        _sourcePorts = rule.SourcePorts;
        _destinationPorts = rule.DestinationPorts;
        _fromLength = rule.From?.Length ?? -1;
        _from = rule.From is { } from ? AddressBits.Mask(AddressBits.ToBits(from.Address), from.Length, _width) : 0;
        _toLength = rule.To?.Length ?? -1;
        _to = rule.To is { } to ? AddressBits.Mask(AddressBits.ToBits(to.Address), to.Length, _width) : 0;
        _tos = rule.Tos;
        _invert = rule.Invert;
    }

    /// <summary>True when the rule selects the packet ("not" applied).</summary>
    public bool Selects(UInt128 destination, UInt128? source, uint mark, uint uid, byte tos, byte? protocol, ushort? sourcePort, ushort? destinationPort) =>
        AllMatch(destination, source, mark, uid, tos, protocol, sourcePort, destinationPort) != _invert;

    private bool AllMatch(UInt128 destination, UInt128? source, uint mark, uint uid, byte tos, byte? protocol, ushort? sourcePort, ushort? destinationPort)
    {
        if (!_interfacesMatch || (_hasMark && ((_mark ^ mark) & _markMask) != 0) || uid < _uidStart || uid > _uidEnd)
        {
            return false;
        }

        if (_protocol >= 0 && _protocol != protocol)
        {
            return false;
        }

        if (_sourcePorts is { } sports && (sourcePort is not { } sport || !sports.Contains(sport)))
        {
            return false;
        }

        if (_destinationPorts is { } dports && (destinationPort is not { } dport || !dports.Contains(dport)))
        {
            return false;
        }

        if (_fromLength >= 0)
        {
            // fib6_rule_match: without a source an IPv6 "from" rule never matches; IPv4 compares 0.0.0.0.
            if (source is null && _ipv6 && _fromLength > 0)
            {
                return false;
            }

            if (AddressBits.Mask(source ?? 0, _fromLength, _width) != _from)
            {
                return false;
            }
        }

        if (_toLength >= 0 && AddressBits.Mask(destination, _toLength, _width) != _to)
        {
            return false;
        }

        return _tos == 0 || _tos == tos;
    }
}
