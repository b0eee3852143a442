namespace NetLens.Core.Routing.Lookup;

/// <summary>
/// Longest-prefix match for one IPv6 table as ranges: the prefixes cut the address space into runs of addresses
/// whose longest match is the same node, so a lookup is one binary search for the last run starting at or before
/// the address. n prefixes make at most 2n + 1 runs; 5,000 routes are 13 comparisons, where probing a hash table
/// per prefix length would be dozens.
/// </summary>
internal sealed class Ipv6RangeIndex
{
    private readonly UInt128[] _starts;
    private readonly int[] _nodes;

    private Ipv6RangeIndex(UInt128[] starts, int[] nodes) => (_starts, _nodes) = (starts, nodes);

    /// <summary>The node ordinal of the longest prefix holding <paramref name="address"/>, or -1.</summary>
    public int Find(UInt128 address)
    {
        // The last start <= address.
        int low = 0, high = _starts.Length - 1, found = -1;
        while (low <= high)
        {
            var middle = (int)((uint)(low + high) >> 1);
            if (_starts[middle] <= address)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return found < 0 ? -1 : _nodes[found];
    }

    /// <summary>Runs in address order; a run starting where the previous one did replaces it.</summary>
    public sealed class Builder
    {
        private readonly List<UInt128> _starts = [];
        private readonly List<int> _nodes = [];

        public void Add(UInt128 start, int node)
        {
            if (_starts.Count > 0 && _starts[^1] == start)
            {
                _nodes[^1] = node;
                return;
            }

            _starts.Add(start);
            _nodes.Add(node);
        }

        public Ipv6RangeIndex Build() => new([.. _starts], [.. _nodes]);
    }
}
