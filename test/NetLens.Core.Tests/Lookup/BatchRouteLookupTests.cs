using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using NetLens.Core.Addressing;
using NetLens.Core.Links;
using NetLens.Core.Routing;
using NetLens.Core.Routing.Lookup;

namespace NetLens.Core.Tests.Lookup;

/// <summary>
/// The batch fast path against the engine it stands in for, on random tables (every prefix length, tos, metrics,
/// rejects, throw, ECMP, four tables, mark/uid rules, goto, suppress_prefixlength): each decision it takes must be
/// the engine's.
/// </summary>
public class BatchRouteLookupTests
{
    private const int Eth0 = 2;
    private const int Eth1 = 3;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Every_fast_decision_is_the_engines(int seed)
    {
        var random = new Random(seed);
        var engine = new RouteLookupEngine(Snapshot(random));
        var fast = new BatchRouteLookup(engine);
        var selectors = new RouteLookupRequest[]
        {
            new() { Destination = IPAddress.Any },
            new() { Destination = IPAddress.Any, Mark = 0x10 },
            new() { Destination = IPAddress.Any, Mark = 0x20 },
            new() { Destination = IPAddress.Any, Mark = 0x31 },
            new() { Destination = IPAddress.Any, Uid = 1500 },
            new() { Destination = IPAddress.Any, Tos = 0x10 },
            new() { Destination = IPAddress.Any, From = IPAddress.Parse("198.18.1.1") },
        };
        var programs = selectors.Select(s => fast.Prepare(s, s.Uid ?? 0)).ToArray();
        Assert.All(programs, p => Assert.True(p >= 0));
        var decided = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var which = random.Next(selectors.Length);
            var address = (198u << 24) | (18u << 16) | (uint)random.Next(1 << 17);
            var fastAnswer = fast.Lookup(programs[which], address);
            var request = selectors[which] with { Destination = new IPAddress(BinaryPrimitives.ReverseEndianness(address)) };
            var result = engine.Lookup(request, selectors[which].Uid ?? 0);
            var question = $"{request.Destination} #{which}: fast {fastAnswer}, engine {result.Status} {result.Errno} {result.MatchedRoute?.Destination}";
            switch (fastAnswer.Verdict)
            {
                case BatchVerdict.Answered:
                    Assert.True(result.Status == LookupStatus.Answered, question);
                    Assert.True(fast.ShapeOf(result.MatchedRoute!) == fastAnswer.Value, question);
                    break;
                case BatchVerdict.Refused:
                    Assert.True(result.Status == LookupStatus.Refused && result.Errno == fastAnswer.Value, question);
                    break;
                case BatchVerdict.AskKernel:
                    Assert.True(result.Status == LookupStatus.AskKernel, question);
                    break;
                default:
                    continue;
            }

            decided++;
        }

        Assert.True(decided > 19_000, $"only {decided} decided on the fast path");
    }

    [Fact]
    public void Answers_of_one_shape_differ_only_in_their_destination()
    {
        var engine = new RouteLookupEngine(Snapshot(new Random(4)));
        var fast = new BatchRouteLookup(engine);
        var program = fast.Prepare(new RouteLookupRequest { Destination = IPAddress.Any }, 0);
        var firstOfShape = new Dictionary<int, Route>();
        var random = new Random(5);
        for (var i = 0; i < 5_000; i++)
        {
            var address = (198u << 24) | (18u << 16) | (uint)random.Next(1 << 17);
            var answer = fast.Lookup(program, address);
            if (answer.Verdict != BatchVerdict.Answered)
            {
                continue;
            }

            var route = engine.Lookup(new RouteLookupRequest { Destination = new IPAddress(BinaryPrimitives.ReverseEndianness(address)) }, 0).Answer!;
            if (firstOfShape.TryGetValue(answer.Value, out var first))
            {
                Assert.Equal(first with { Destination = route.Destination }, route);
            }
            else
            {
                firstOfShape[answer.Value] = route;
            }
        }

        Assert.True(firstOfShape.Count > 10);
    }

    [Fact]
    public void Questions_the_engine_leaves_to_the_kernel_by_their_selectors_get_no_program()
    {
        var fast = new BatchRouteLookup(new RouteLookupEngine(Snapshot(new Random(6))));

        Assert.Equal(-1, fast.Prepare(new RouteLookupRequest { Destination = IPAddress.Any, InputInterface = "eth0" }, 0));
        Assert.Equal(-1, fast.Prepare(new RouteLookupRequest { Destination = IPAddress.Any, OutputInterface = "eth0" }, 0));
        Assert.Equal(-1, fast.Prepare(new RouteLookupRequest { Destination = IPAddress.Any, From = IPAddress.Parse("198.18.9.9") }, 0));
        Assert.Equal(-1, fast.Prepare(new RouteLookupRequest { Destination = IPAddress.Any, Tos = 0x03 }, 0));
    }

    private static RoutingSnapshot Snapshot(Random random)
    {
        var routes = new List<Route>
        {
            new() { Family = AddressFamily.InterNetwork, Destination = P("0.0.0.0/0"), Gateway = IPAddress.Parse("198.18.0.254"), OutputInterface = Eth0 },
            new() { Family = AddressFamily.InterNetwork, Destination = P("0.0.0.0/0"), Gateway = IPAddress.Parse("198.18.1.250"), OutputInterface = Eth1, Table = 500 },
        };
        var seen = new HashSet<(uint, int, uint)>();
        uint[] tables = [RouteTables.Main, RouteTables.Main, RouteTables.Main, 100, 200];
        while (routes.Count < 3_000)
        {
            var length = random.Next(16, 33);
            var address = ((198u << 24) | (18u << 16) | (uint)random.Next(1 << 17)) & (uint.MaxValue << (32 - length));
            var table = tables[random.Next(tables.Length)];
            if ((address >> 10) == ((198u << 14) | (18u << 6)) || !seen.Add((address, length, table)))
            {
                continue;
            }

            var prefix = new IpPrefix(new IPAddress(BinaryPrimitives.ReverseEndianness(address)), length);
            var gateway = IPAddress.Parse($"198.18.{random.Next(2)}.{random.Next(2, 250)}");
            var device = gateway.GetAddressBytes()[2] == 0 ? Eth0 : Eth1;
            routes.Add(random.Next(12) switch
            {
                0 => new Route { Family = AddressFamily.InterNetwork, Destination = prefix, Table = table, Type = RouteType.Unreachable },
                1 => new Route { Family = AddressFamily.InterNetwork, Destination = prefix, Table = table, Type = RouteType.Prohibit },
                2 => new Route { Family = AddressFamily.InterNetwork, Destination = prefix, Table = table, Type = RouteType.Throw },
                3 => new Route { Family = AddressFamily.InterNetwork, Destination = prefix, Table = table, Tos = 0x10, Gateway = gateway, OutputInterface = device },
                4 => new Route
                {
                    Family = AddressFamily.InterNetwork,
                    Destination = prefix,
                    Table = table,
                    Nexthops = [new Nexthop { Gateway = gateway, OutputInterface = device }, new Nexthop { Gateway = IPAddress.Parse("198.18.1.9"), OutputInterface = Eth1 }],
                },
                5 => new Route { Family = AddressFamily.InterNetwork, Destination = prefix, Table = table, OutputInterface = Eth1, Scope = RouteScope.Link },
                _ => new Route { Family = AddressFamily.InterNetwork, Destination = prefix, Table = table, Gateway = gateway, OutputInterface = device, Priority = (uint)random.Next(4) * 100 },
            });
        }

        // The kernel's order inside one prefix: tos first (higher first), then metric.
        routes = [.. routes.OrderByDescending(r => r.Tos).ThenBy(r => r.Priority ?? 0)];
        PolicyRule[] rules =
        [
            new() { Family = AddressFamily.InterNetwork, Priority = 0, Table = RouteTables.Local },
            new() { Family = AddressFamily.InterNetwork, Priority = 50, FwMark = 0x20, Action = RuleAction.Prohibit },
            new() { Family = AddressFamily.InterNetwork, Priority = 60, FwMark = 0x30, FwMask = 0xf0, Action = RuleAction.Goto, GotoPriority = 400 },
            new() { Family = AddressFamily.InterNetwork, Priority = 70, Action = RuleAction.Nop },
            new() { Family = AddressFamily.InterNetwork, Priority = 100, FwMark = 0x10, Table = 100 },
            new() { Family = AddressFamily.InterNetwork, Priority = 300, UidRange = new PortRange(1000, 1999), Table = 200 },
            new() { Family = AddressFamily.InterNetwork, Priority = 400, Table = RouteTables.Main, SuppressPrefixLength = 0 },
            new() { Family = AddressFamily.InterNetwork, Priority = 410, Table = 500 },
            new() { Family = AddressFamily.InterNetwork, Priority = 32766, Table = RouteTables.Main },
        ];
        return new RoutingSnapshot(
            [new Link { Index = 1, Name = "lo" }, new Link { Index = Eth0, Name = "eth0" }, new Link { Index = Eth1, Name = "eth1" }],
            [V4("198.18.0.1", 24, Eth0), V4("198.18.1.1", 24, Eth1), V4("198.18.2.1", 24, Eth1)],
            rules,
            routes);
    }

    private static InterfaceAddress V4(string address, int length, int device) =>
        new() { Family = AddressFamily.InterNetwork, InterfaceIndex = device, Local = IPAddress.Parse(address), PrefixLength = length };

    private static IpPrefix P(string text) => IpPrefix.TryParse(text, out var prefix) ? prefix : throw new FormatException(text);
}
