using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using NetLens.Core.Addressing;
using NetLens.Core.Routing;
using NetLens.Core.Routing.Lookup;

namespace NetLens.Core.Tests.Lookup;

/// <summary>
/// The longest-prefix index of both families against a brute-force scan of every prefix: the node found, its
/// parent chain, and the routes kept per prefix in their given order — with /0, host routes, nested and repeated
/// prefixes, and addresses at every prefix's first and last address.
/// </summary>
public class PrefixIndexTests
{
    [Theory]
    [InlineData(AddressFamily.InterNetwork, 1)]
    [InlineData(AddressFamily.InterNetwork, 2)]
    [InlineData(AddressFamily.InterNetworkV6, 1)]
    [InlineData(AddressFamily.InterNetworkV6, 2)]
    public void Find_is_the_longest_covering_prefix_and_parents_are_the_next_longest(AddressFamily family, int seed)
    {
        var random = new Random(seed);
        var width = family == AddressFamily.InterNetwork ? 32 : 128;
        var routes = RandomRoutes(random, family, width);
        var index = new PrefixIndex(family, routes);
        var prefixes = routes.Select(r => (Key: Key(r, width), r.Destination.Length)).Distinct().ToArray();

        Assert.Equal(routes.Count, index.Count);
        Assert.Equal(routes.Count(r => r.Destination.Length == 0), index.DefaultRoutes);
        foreach (var address in Probes(random, prefixes, width))
        {
            var expected = Covering(prefixes, address, width).ToList();
            var chain = new List<(UInt128, int)>();
            for (var node = index.Find(address); node is not null; node = node.Parent)
            {
                chain.Add((node.Key, node.Prefix.Length));
                Assert.Equal(routes.Where(r => Key(r, width) == node.Key && r.Destination.Length == node.Prefix.Length), node.Routes);
            }

            Assert.Equal(expected, chain);
        }
    }

    private static List<Route> RandomRoutes(Random random, AddressFamily family, int width)
    {
        var routes = new List<Route>();
        UInt128 Near(UInt128 around) => random.Next(3) == 0 ? around : around ^ ((UInt128)(ulong)random.NextInt64() << (width == 32 ? 0 : 64)) >> random.Next(width);
        var anchor = RandomBits(random, width);
        for (var i = 0; i < 400; i++)
        {
            var length = random.Next(5) == 0 ? (random.Next(2) == 0 ? 0 : width) : random.Next(width + 1);
            var bits = AddressBits.Mask(Near(anchor), length, width);
            var copies = random.Next(4) == 0 ? 2 : 1;
            for (var c = 0; c < copies; c++)
            {
                routes.Add(new Route { Family = family, Destination = new IpPrefix(ToAddress(bits, width), length), Table = 254, Priority = (uint)random.Next(1000) });
            }
        }

        return routes;
    }

    private static IEnumerable<UInt128> Probes(Random random, (UInt128 Key, int Length)[] prefixes, int width)
    {
        foreach (var (key, length) in prefixes)
        {
            var last = key | (length == 0 ? Max(width) : length == width ? 0 : Max(width) >> length);
            yield return key;
            yield return last;
            if (key > 0)
            {
                yield return key - 1;
            }

            if (last < Max(width))
            {
                yield return last + 1;
            }
        }

        for (var i = 0; i < 500; i++)
        {
            yield return RandomBits(random, width);
        }
    }

    private static IEnumerable<(UInt128, int)> Covering((UInt128 Key, int Length)[] prefixes, UInt128 address, int width) =>
        prefixes.Where(p => AddressBits.Mask(address, p.Length, width) == p.Key).OrderByDescending(p => p.Length);

    private static UInt128 Key(Route route, int width) =>
        AddressBits.Mask(AddressBits.ToBits(route.Destination.Address), route.Destination.Length, width);

    private static UInt128 Max(int width) => width == 32 ? uint.MaxValue : UInt128.MaxValue;

    private static UInt128 RandomBits(Random random, int width)
    {
        var high = (UInt128)(ulong)random.NextInt64() << 64 | (ulong)random.NextInt64();
        return width == 32 ? (uint)high : high;
    }

    private static IPAddress ToAddress(UInt128 bits, int width)
    {
        var bytes = new byte[width / 8];
        if (width == 32)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)bits);
        }
        else
        {
            BinaryPrimitives.WriteUInt128BigEndian(bytes, bits);
        }

        return new IPAddress(bytes);
    }
}
