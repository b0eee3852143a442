using System.Net;
using System.Net.Sockets;
using NetLens.Core.Addressing;

namespace NetLens.Core.Routing.Lookup;

/// <summary>One prefix of one table and its routes in the kernel's order (tos, then metric).</summary>
public sealed class PrefixNode(IpPrefix prefix, UInt128 key, int ordinal)
{
    /// <summary>The node's number in its index (0, 1, 2… in creation order), for arrays kept beside the nodes.</summary>
    internal int Ordinal { get; } = ordinal;

    public IpPrefix Prefix { get; } = prefix;

    public UInt128 Key { get; } = key;

    public List<Route> Routes { get; } = [];

    /// <summary>The longest shorter prefix of the same table that covers this one, or null.</summary>
    public PrefixNode? Parent { get; internal set; }
}

/// <summary>
/// Longest-prefix match over one table: a hash table per prefix length, probed longest first and only for
/// the lengths the table has; each node links to its covering parent, so every covering route is a walk away.
/// For IPv4 a 64k array indexed by the top 16 bits says which longer lengths exist under that /16 and holds
/// the best /0–/16 node, so most lookups probe one to four hash tables.
/// </summary>
public sealed class PrefixIndex
{
    private readonly int _width;
    private readonly Dictionary<UInt128, PrefixNode>?[] _byLength;
    private readonly int[] _lengthsDescending;
    private readonly uint[]? _longLengthsUnder16;
    private readonly PrefixNode?[]? _bestUpTo16;
    private readonly Dictionary<UInt128, byte>?[]? _lengthsByOctet;
    private readonly Dictionary<uint, PrefixNode>?[]? _ipv4ByLength;
    private readonly List<PrefixNode> _nodes = [];

    public PrefixIndex(AddressFamily family, IEnumerable<Route> routes)
    {
        _width = AddressBits.Width(family);
        _byLength = new Dictionary<UInt128, PrefixNode>?[_width + 1];
        foreach (var route in routes)
        {
            var length = route.Destination.Length;
            var key = AddressBits.Mask(AddressBits.ToBits(route.Destination.Address), length, _width);
            var nodes = _byLength[length] ??= [];
            if (!nodes.TryGetValue(key, out var node))
            {
                node = new PrefixNode(new IpPrefix(route.Destination.Address, length), key, _nodes.Count);
                nodes.Add(key, node);
                _nodes.Add(node);
            }

            node.Routes.Add(route);
            Count++;
        }

        _lengthsDescending = Enumerable.Range(0, _width + 1).Where(l => _byLength[l] is not null).Reverse().ToArray();
        foreach (var length in _lengthsDescending)
        {
            foreach (var node in _byLength[length]!.Values)
            {
                node.Parent = length == 0 ? null : FindBelow(node.Key, length);
            }
        }

        if (_width == 32)
        {
            (_longLengthsUnder16, _bestUpTo16) = BuildIpv4Top();

            // 32-bit keys hash and compare in one instruction; the 128-bit ones cost a combine per probe.
            _ipv4ByLength = [.. _byLength.Select(nodes => nodes?.Values.ToDictionary(n => (uint)n.Key))];
        }
        else
        {
            _lengthsByOctet = BuildOctetPresence();
        }
    }

    /// <summary>Every node, by <see cref="PrefixNode.Ordinal"/>.</summary>
    internal IReadOnlyList<PrefixNode> Nodes => _nodes;

    /// <summary>Routes indexed.</summary>
    public int Count { get; }

    /// <summary>How many routes of this table are default routes (/0) — the kernel's tb_num_default.</summary>
    public int DefaultRoutes => _byLength[0] is { } zero ? zero.Values.Sum(n => n.Routes.Count) : 0;

    /// <summary>The node of the longest prefix that contains <paramref name="address"/>, or null.</summary>
    public PrefixNode? Find(UInt128 address)
    {
        if (_longLengthsUnder16 is { } lengths)
        {
            var ipv4 = (uint)address;
            var top = (int)(ipv4 >> 16);
            var present = lengths[top];
            while (present != 0)
            {
                var length = 31 - System.Numerics.BitOperations.LeadingZeroCount(present) + 17;
                present &= ~(1u << (length - 17));
                if (_ipv4ByLength![length]!.TryGetValue(ipv4 & (uint.MaxValue << (32 - length)), out var hit))
                {
                    return hit;
                }
            }

            return _bestUpTo16![top];
        }

        if (_lengthsByOctet is { } octets)
        {
            return FindByOctets(octets, address);
        }

        foreach (var length in _lengthsDescending)
        {
            if (_byLength[length]!.TryGetValue(AddressBits.Mask(address, length, _width), out var node))
            {
                return node;
            }
        }

        return null;
    }

    public PrefixNode? Find(IPAddress address) => Find(AddressBits.ToBits(address));

    private PrefixNode? FindBelow(UInt128 address, int shorterThan)
    {
        foreach (var length in _lengthsDescending)
        {
            if (length < shorterThan && _byLength[length]!.TryGetValue(AddressBits.Mask(address, length, _width), out var node))
            {
                return node;
            }
        }

        return null;
    }

    /// <summary>
    /// IPv6: for each octet boundary a (0, 8, … 120), which lengths a+1…a+8 exist under the address's first a bits;
    /// one probe per boundary says which of eight hash tables are worth probing.
    /// </summary>
    private PrefixNode? FindByOctets(Dictionary<UInt128, byte>?[] octets, UInt128 address)
    {
        for (var octet = octets.Length - 1; octet >= 0; octet--)
        {
            if (octets[octet] is not { } presence || !presence.TryGetValue(AddressBits.Mask(address, octet * 8, _width), out var present))
            {
                continue;
            }

            uint bits = present;
            while (bits != 0)
            {
                var bit = 31 - System.Numerics.BitOperations.LeadingZeroCount(bits);
                bits &= ~(1u << bit);
                var length = (octet * 8) + 1 + bit;
                if (_byLength[length]!.TryGetValue(AddressBits.Mask(address, length, _width), out var hit))
                {
                    return hit;
                }
            }
        }

        return _byLength[0] is { } zero ? zero.GetValueOrDefault(UInt128.Zero) : null;
    }

    private Dictionary<UInt128, byte>?[] BuildOctetPresence()
    {
        var octets = new Dictionary<UInt128, byte>?[_width / 8];
        for (var length = 1; length <= _width; length++)
        {
            if (_byLength[length] is not { } nodes)
            {
                continue;
            }

            var octet = (length - 1) / 8;
            var presence = octets[octet] ??= [];
            foreach (var node in nodes.Values)
            {
                var anchor = AddressBits.Mask(node.Key, octet * 8, _width);
                presence[anchor] = (byte)(presence.GetValueOrDefault(anchor) | (1 << (length - 1 - (octet * 8))));
            }
        }

        return octets;
    }

    private (uint[] Lengths, PrefixNode?[] Best) BuildIpv4Top()
    {
        var lengths = new uint[1 << 16];
        var best = new PrefixNode?[1 << 16];
        for (var length = 0; length <= 16; length++)
        {
            if (_byLength[length] is not { } nodes)
            {
                continue;
            }

            // Shorter first, so a longer prefix overwrites the slots it covers.
            foreach (var node in nodes.Values)
            {
                var first = (int)(uint)(node.Key >> 16);
                var span = 1 << (16 - length);
                Array.Fill(best, node, first, span);
            }
        }

        for (var length = 17; length <= 32; length++)
        {
            if (_byLength[length] is not { } nodes)
            {
                continue;
            }

            foreach (var node in nodes.Values)
            {
                lengths[(int)(uint)(node.Key >> 16)] |= 1u << (length - 17);
            }
        }

        return (lengths, best);
    }
}
