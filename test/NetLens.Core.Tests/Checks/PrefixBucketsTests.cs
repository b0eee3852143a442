using System.Net;
using System.Net.Sockets;
using NetLens.Core.Addressing;
using NetLens.Core.Routing;
using NetLens.Core.Routing.Checks;

namespace NetLens.Core.Tests.Checks;

/// <summary>
/// The prefix index `routes --check` uses (n log n) against the scans it replaced (quadratic), on random tables:
/// same groups, same longest match, same findings.
/// </summary>
public class PrefixBucketsTests
{
    public static TheoryData<int> Seeds => [1, 2, 3, 4, 5, 6, 7, 8];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Covering_gives_the_prefixes_a_scan_finds_longest_first(int seed)
    {
        var random = new Random(seed);
        foreach (var family in new[] { AddressFamily.InterNetwork, AddressFamily.InterNetworkV6 })
        {
            var prefixes = Enumerable.Range(0, 400).Select(_ => RandomPrefix(random, family)).ToList();
            var index = new PrefixBuckets<int>(family, prefixes.Select((p, i) => (p, i)));
            for (var probe = 0; probe < 300; probe++)
            {
                var address = RandomPrefix(random, family).Address;
                var shorterThan = random.Next(2) == 0 ? int.MaxValue : random.Next(33);
                var scanned = prefixes.Select((p, i) => (p, i))
                    .Where(x => x.p.Contains(address) && x.p.Length < shorterThan)
                    .GroupBy(x => x.p.Length)
                    .OrderByDescending(g => g.Key)
                    .Select(g => g.Select(x => x.i).ToList())
                    .ToList();

                var covering = index.Covering(address, shorterThan).Select(g => g.ToList()).ToList();

                Assert.Equal(scanned, covering);
                if (shorterThan == int.MaxValue)
                {
                    Assert.Equal(scanned.Count > 0, index.AnyCovers(address));
                }
            }
        }
    }

    [Fact]
    public void An_address_of_the_other_family_is_covered_by_nothing()
    {
        var index = new PrefixBuckets<int>(AddressFamily.InterNetwork, [(IpPrefix.Default(AddressFamily.InterNetwork), 1)]);

        Assert.Empty(index.Covering(IPAddress.Parse("2001:db8::1")));
        Assert.True(index.AnyCovers(IPAddress.Parse("198.18.0.1")));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Table_lookup_gives_the_route_the_linear_longest_match_gives(int seed)
    {
        var random = new Random(seed);
        var routes = Enumerable.Range(0, 500).Select(_ => RandomRoute(random, RouteTables.Main)).ToList();
        var context = new CheckContext(new RoutingSnapshot([], [], [], routes));
        var index = context.TableIndex(AddressFamily.InterNetwork, RouteTables.Main);
        for (var probe = 0; probe < 500; probe++)
        {
            var address = RandomPrefix(random, AddressFamily.InterNetwork).Address;
            var without = random.Next(3) == 0 ? routes[random.Next(routes.Count)] : null;

            var linear = PolicyPathResolver.Longest(routes, address, without);
            var indexed = PolicyPathResolver.Longest(index, address, without);

            Assert.Same(linear, indexed);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Route_hides_broader_finds_what_the_quadratic_scan_found(int seed)
    {
        var random = new Random(seed);
        var routes = Enumerable.Range(0, 400).Select(_ => RandomRoute(random, RouteTables.Main)).ToList();
        var snapshot = new RoutingSnapshot([], [], [], routes);

        var found = new RouteHidesBroaderAnalyzer().Analyze(new CheckContext(snapshot))
            .Select(f => (f.Routes[0].Route, f.Routes[1].Route))
            .ToList();

        Assert.NotEmpty(found);
        Assert.Equal(QuadraticHidesBroader(routes), found);
    }

    // The analyzer before the index (one table, so only the same-table broader route can be found): for each narrow route
    // every route is scanned for the longest shorter unicast prefix covering it, lowest metric first.
    private static List<(Route Narrow, Route Broad)> QuadraticHidesBroader(List<Route> all)
    {
        var comparable = all.Where(r => r.Tos == 0 && r.Source is null or { IsDefault: true }).ToList();
        var pairs = new List<(Route, Route)>();
        foreach (var narrow in comparable.Where(r => !r.Destination.IsDefault))
        {
            var broad = comparable
                .Where(b => b.Type == RouteType.Unicast && b.Destination.Length < narrow.Destination.Length && b.Destination.Covers(narrow.Destination))
                .OrderByDescending(b => b.Destination.Length)
                .ThenBy(b => b.Priority ?? 0)
                .FirstOrDefault();
            if (broad is not null && broad.Destination.Length > 1
                && (narrow.Type != RouteType.Unicast || !Equals(narrow.Gateway, broad.Gateway)))
            {
                pairs.Add((narrow, broad));
            }
        }

        return pairs;
    }

    // Nested prefixes over a small range, so most addresses are covered several times over.
    private static IpPrefix RandomPrefix(Random random, AddressFamily family)
    {
        if (family == AddressFamily.InterNetwork)
        {
            var length = random.Next(0, 33);
            var address = (198u << 24) | (18u << 16) | (uint)random.Next(0, 1 << 12);
            var mask = length == 0 ? 0 : uint.MaxValue << (32 - length);
            return new IpPrefix(new IPAddress(BitConverter.GetBytes(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(address & mask))), length);
        }

        var bytes = IPAddress.Parse("2001:db8::").GetAddressBytes();
        bytes[14] = (byte)random.Next(0, 16);
        bytes[15] = (byte)random.Next(0, 256);
        var bits = random.Next(112, 129);
        for (var bit = bits; bit < 128; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return new IpPrefix(new IPAddress(bytes), bits);
    }

    // Gateway routes on one device (two gateways, so some narrow routes point elsewhere), a few blackholes, tos- and
    // source-specific routes (which the lookups skip), metrics that tie.
    private static Route RandomRoute(Random random, uint table)
    {
        var prefix = RandomPrefix(random, AddressFamily.InterNetwork);
        var type = random.Next(10) == 0 ? RouteType.Blackhole : RouteType.Unicast;
        return new Route
        {
            Family = AddressFamily.InterNetwork,
            Destination = prefix,
            Type = type,
            Table = table,
            Gateway = type == RouteType.Unicast ? IPAddress.Parse(random.Next(2) == 0 ? "198.18.0.1" : "198.18.0.2") : null,
            OutputInterface = type == RouteType.Unicast ? 2 : null,
            Priority = random.Next(4) == 0 ? null : (uint)random.Next(0, 3),
            Tos = random.Next(20) == 0 ? (byte)0x10 : (byte)0,
            Source = random.Next(20) == 0 ? new IpPrefix(IPAddress.Parse("198.19.0.0"), 16) : null,
        };
    }
}
