using System.Net;
using System.Net.Sockets;
using NetLens.Core.Addressing;
using NetLens.Core.Routing.Lookup;

namespace NetLens.Core.Routing.Checks;

/// <summary>
/// Items keyed by prefix, in the order they were added, grouped by (length, masked address): the prefixes that cover an
/// address are one hash lookup per distinct length (at most 33 or 129), so `routes --check` asks "which routes cover
/// this one" in O(lengths) instead of scanning every route (the check was quadratic: 20k routes took 55 s).
/// </summary>
public sealed class PrefixBuckets<T>
{
    private readonly Dictionary<(int Length, UInt128 Key), List<T>> _buckets = [];
    private readonly int _width;
    private readonly int[] _lengths;

    public PrefixBuckets(AddressFamily family, IEnumerable<(IpPrefix Prefix, T Item)> items)
    {
        _width = AddressBits.Width(family);
        var lengths = new SortedSet<int>(Comparer<int>.Create((a, b) => b.CompareTo(a)));
        foreach (var (prefix, item) in items)
        {
            if (prefix.Family != family)
            {
                continue;
            }

            var key = (prefix.Length, AddressBits.Mask(AddressBits.ToBits(prefix.Address), prefix.Length, _width));
            if (!_buckets.TryGetValue(key, out var bucket))
            {
                _buckets[key] = bucket = [];
                lengths.Add(prefix.Length);
            }

            bucket.Add(item);
        }

        _lengths = [.. lengths];
    }

    /// <summary>
    /// The groups of items whose prefix contains <paramref name="address"/>, longest prefix first, only prefixes shorter than
    /// <paramref name="shorterThan"/>; each group in the order its items were added.
    /// </summary>
    public IEnumerable<IReadOnlyList<T>> Covering(IPAddress address, int shorterThan = int.MaxValue)
    {
        if (address.AddressFamily != (_width == 128 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork))
        {
            yield break;
        }

        var bits = AddressBits.ToBits(address);
        foreach (var length in _lengths)
        {
            if (length >= shorterThan)
            {
                continue;
            }

            if (_buckets.TryGetValue((length, AddressBits.Mask(bits, length, _width)), out var bucket))
            {
                yield return bucket;
            }
        }
    }

    /// <summary>True when some item's prefix contains <paramref name="address"/>.</summary>
    public bool AnyCovers(IPAddress address) => Covering(address).Any();
}
