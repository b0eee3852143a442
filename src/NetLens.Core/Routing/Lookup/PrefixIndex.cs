using System.Net;
using System.Net.Sockets;
using NetLens.Core.Addressing;

namespace NetLens.Core.Routing.Lookup;

/// <summary>One prefix of one table and its routes in the kernel's order (tos, then metric).</summary>
public sealed class PrefixNode(IpPrefix prefix, UInt128 key, int ordinal, Route first)
{
    // Nearly every prefix holds one route: a one-element array, grown by one for the rare others (a 200k-route
    // table keeps 200k of these, so no list object and no spare capacity).
    private Route[] _routes = [first];

    /// <summary>The node's number in its index (0, 1, 2… in creation order), for arrays kept beside the nodes.</summary>
    internal int Ordinal { get; } = ordinal;

    public IpPrefix Prefix { get; } = prefix;

    public UInt128 Key { get; } = key;

    public IReadOnlyList<Route> Routes => _routes;

    /// <summary>The routes without an interface call per read, for the batch's hot loops.</summary>
    internal ReadOnlySpan<Route> RouteSpan => _routes;

    /// <summary>The longest shorter prefix of the same table that covers this one, or null.</summary>
    public PrefixNode? Parent { get; internal set; }

    internal void Add(Route route)
    {
        Array.Resize(ref _routes, _routes.Length + 1);
        _routes[^1] = route;
    }
}

/// <summary>
/// Longest-prefix match over one table; each node links to its covering parent, so every covering route is a
/// walk away. IPv4 tables are a DIR-16-8-8 stride index (<see cref="Ipv4StrideIndex"/>: at most three array
/// reads), built shortest prefix first so the index itself finds each new prefix's parent and its duplicates.
/// IPv6 tables are a <see cref="Ipv6RangeIndex"/> (one binary search over the address ranges the prefixes cut the
/// address space into), built from the prefixes in address order, where a stack of open prefixes gives parents.
/// </summary>
public sealed class PrefixIndex
{
    private readonly List<PrefixNode> _nodes = [];
    private readonly Ipv6RangeIndex? _ipv6;

    public PrefixIndex(AddressFamily family, IEnumerable<Route> routes)
    {
        if (family == AddressFamily.InterNetworkV6)
        {
            _ipv6 = BuildIpv6(routes);
        }
        else
        {
            Ipv4 = BuildIpv4(routes);
        }
    }

    /// <summary>The IPv4 stride index (entries are node ordinals + 1), or null for IPv6.</summary>
    internal Ipv4StrideIndex? Ipv4 { get; }

    /// <summary>Every node, by <see cref="PrefixNode.Ordinal"/>.</summary>
    internal IReadOnlyList<PrefixNode> Nodes => _nodes;

    /// <summary>Routes indexed.</summary>
    public int Count { get; private set; }

    /// <summary>How many routes of this table are default routes (/0) — the kernel's tb_num_default.</summary>
    public int DefaultRoutes { get; private set; }

    /// <summary>The node of the longest prefix that contains <paramref name="address"/>, or null.</summary>
    public PrefixNode? Find(UInt128 address)
    {
        var ordinal = Ipv4 is { } stride ? stride.Find((uint)address) : _ipv6!.Find(address);
        return ordinal < 0 ? null : _nodes[ordinal];
    }

    public PrefixNode? Find(IPAddress address) => Find(AddressBits.ToBits(address));

    /// <summary>
    /// Routes bucketed by length (keeping their order), then inserted shortest first: what the index finds for a
    /// new prefix's address is either the same prefix (a second route for it) or its parent.
    /// </summary>
    private Ipv4StrideIndex BuildIpv4(IEnumerable<Route> routes)
    {
        var byLength = new List<Route>?[33];
        foreach (var route in routes)
        {
            (byLength[route.Destination.Length] ??= []).Add(route);
        }

        var stride = new Ipv4StrideIndex();
        for (var length = 0; length <= 32; length++)
        {
            foreach (var route in byLength[length] ?? [])
            {
                var key = (uint)AddressBits.Mask(AddressBits.ToBits(route.Destination.Address), length, 32);
                var found = stride.Find(key);
                var node = found >= 0 ? _nodes[found] : null;
                if (node is null || node.Prefix.Length != length)
                {
                    node = new PrefixNode(route.Destination, key, _nodes.Count, route) { Parent = node };
                    _nodes.Add(node);
                    stride.Insert(key, length, node.Ordinal + 1);
                    continue;
                }

                node.Add(route);
            }

            Count += byLength[length]?.Count ?? 0;
        }

        DefaultRoutes = byLength[0]?.Count ?? 0;
        return stride;
    }

    /// <summary>
    /// Routes sorted by prefix address, then length (then their own order, so a prefix keeps its routes' order).
    /// Walking them, the prefixes still open form a stack: its top is the next prefix's parent, and each prefix that
    /// closes hands its range's rest back to the one below it.
    /// </summary>
    private Ipv6RangeIndex BuildIpv6(IEnumerable<Route> routes)
    {
        var sorted = routes.Select((route, order) =>
            (Key: AddressBits.Mask(AddressBits.ToBits(route.Destination.Address), route.Destination.Length, 128), route.Destination.Length, Order: order, Route: route))
            .ToArray();
        Array.Sort(sorted, (x, y) => x.Key != y.Key ? x.Key.CompareTo(y.Key) : x.Length != y.Length ? x.Length.CompareTo(y.Length) : x.Order.CompareTo(y.Order));
        var ranges = new Ipv6RangeIndex.Builder();
        var open = new Stack<PrefixNode>();
        PrefixNode? last = null;
        foreach (var (key, length, _, route) in sorted)
        {
            Count++;
            DefaultRoutes += length == 0 ? 1 : 0;
            if (last is not null && last.Key == key && last.Prefix.Length == length)
            {
                last.Add(route);
                continue;
            }

            while (open.TryPeek(out var top) && LastAddress(top) < key)
            {
                Close(open, ranges);
            }

            last = new PrefixNode(route.Destination, key, _nodes.Count, route) { Parent = open.TryPeek(out var parent) ? parent : null };
            _nodes.Add(last);
            ranges.Add(key, last.Ordinal);
            open.Push(last);
        }

        while (open.Count > 0)
        {
            Close(open, ranges);
        }

        return ranges.Build();
    }

    /// <summary>Pops the innermost open prefix: past its last address, its parent's (or no) prefix holds again.</summary>
    private static void Close(Stack<PrefixNode> open, Ipv6RangeIndex.Builder ranges)
    {
        var closed = open.Pop();
        var end = LastAddress(closed);
        if (end != UInt128.MaxValue)
        {
            ranges.Add(end + 1, open.TryPeek(out var parent) ? parent.Ordinal : -1);
        }
    }

    // Shifts of a UInt128 count modulo 128: /0 and /128 are spelled out.
    private static UInt128 LastAddress(PrefixNode node) => node.Prefix.Length switch
    {
        0 => UInt128.MaxValue,
        128 => node.Key,
        var length => node.Key | (UInt128.MaxValue >> length),
    };
}
