using System.Net;
using System.Net.Sockets;

namespace NetLens.Core.Routing.Lookup;

/// <summary>What <see cref="BatchRouteLookup"/> decided for one question.</summary>
public enum BatchVerdict : byte
{
    /// <summary>A unicast route answers; Value is its answer shape (<see cref="BatchRouteLookup.ShapeOf(Route)"/>).</summary>
    Answered,

    /// <summary>The kernel refuses; Value is the errno.</summary>
    Refused,

    /// <summary>Only the kernel can say (ECMP hash, dead nexthops, several defaults…).</summary>
    AskKernel,

    /// <summary>Outside the fast path (local/broadcast answers, odd destinations…): ask <see cref="RouteLookupEngine"/>.</summary>
    Slow,
}

/// <summary>One verdict and its value (answer shape or errno).</summary>
public readonly record struct BatchAnswer(BatchVerdict Verdict, int Value);

/// <summary>
/// The batch's hot path over a <see cref="RouteLookupEngine"/>'s tables: the rule walk of a question's selectors
/// is done once per distinct selector set (a <see cref="Prepare">program</see> of table lookups and refusals, valid
/// when no rule looks at the destination), IPv4 tables are DIR-16-8-8 arrays, each prefix's winner for tos 0 is
/// decided once, and an answer is a small integer: the "shape" of the matched route (every field of the kernel's
/// answer but the destination), so equal answers are formatted once. It decides only what the engine decides the
/// same way; the rest is <see cref="BatchVerdict.Slow"/>, for the engine itself. <see cref="Lookup"/> and
/// <see cref="ShapeOf(Route)"/> may be called from several threads at once; <see cref="Prepare"/> may not.
/// </summary>
public sealed class BatchRouteLookup
{
    private const int NoRoute = -1;
    private const int DeadRoute = -2;

    private readonly RouteLookupEngine _engine;
    private readonly Dictionary<(AddressFamily, uint), Table?> _tables = [];
    private readonly List<Program> _programs = [];
    private readonly Dictionary<AnswerShape, int> _shapeIds = [];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<SimpleShape, (int Shape, bool HasSource)> _simpleShapes = [];
    private readonly HashSet<UInt128> _localIpv6 = [];
    private readonly Table? _ipv4Local;

    // Lookups may run on several threads: a new shape is numbered under this; everything else they share is either
    // read-only or written once with the same value by whichever thread gets there first.
    private readonly object _sync = new();

    public BatchRouteLookup(RouteLookupEngine engine)
    {
        _engine = engine;
        foreach (var address in engine.Snapshot.Addresses)
        {
            if (address.Family == AddressFamily.InterNetworkV6)
            {
                _localIpv6.Add(AddressBits.ToBits(address.Local));
            }
        }

        // Every table's arrays now, on the thread that builds this (the snapshot's), not at the first question.
        foreach (var (family, table) in engine.Tables)
        {
            TableOf(family, table);
        }

        _ipv4Local = engine.Ipv4DefaultRulesOnly ? TableOf(AddressFamily.InterNetwork, RouteTables.Local) : null;
    }

    /// <summary>
    /// Decides every node's outcome for tos 0 before the questions come, on every core. In node order the routes are
    /// read about in the order they were decoded (and allocated); deciding on first use reads them in the questions'
    /// random order, a cache miss each. Questions then decide only what depends on their tos.
    /// </summary>
    public void DecideAhead()
    {
        const int Chunk = 8192;
        var work = new List<(Table Table, int From, int To)>();
        foreach (var table in _tables.Values)
        {
            for (var from = 0; table is not null && from < table.NodeOutcomes.Length; from += Chunk)
            {
                work.Add((table, from, Math.Min(table.NodeOutcomes.Length, from + Chunk)));
            }
        }

        Parallel.ForEach(work, piece =>
        {
            for (var node = piece.From; node < piece.To; node++)
            {
                Volatile.Write(ref piece.Table.NodeOutcomes[node], OutcomeFor(piece.Table, piece.Table.Winners[node]).Pack());
            }
        });
    }

    /// <summary>
    /// The program for questions with <paramref name="request"/>'s selectors (its destination only gives the family),
    /// or -1 when such questions are outside the fast path.
    /// </summary>
    public int Prepare(RouteLookupRequest request, uint uid)
    {
        var family = request.Destination.AddressFamily;
        var tos = request.Tos ?? 0;

        // RouteLookupEngine's questions that depend on more than rules, routes and addresses, or that it answers with
        // a refusal of its own (a source no interface has): left to it.
        if (request.InputInterface is not null || request.OutputInterface is not null || request.FibMatch || (tos & ~0x1C) != 0
            || (request.From is { } from && (!_engine.Sources.IsLocal(from) || IPAddress.IsLoopback(from))))
        {
            return -1;
        }

        var rules = _engine.RulesOf(family);
        var compiled = _engine.CompiledRulesOf(family);
        if (rules.Any(r => r.To is not null))
        {
            return -1;
        }

        UInt128? source = request.From is { } f ? AddressBits.ToBits(f) : null;
        var mark = request.Mark ?? 0;
        var steps = new List<Step>();
        for (var i = 0; i < rules.Length; i++)
        {
            var rule = rules[i];
            if (!compiled[i].Selects(0, source, mark, uid, tos, request.IpProtocol, request.SourcePort, request.DestinationPort))
            {
                continue;
            }

            if ((rule.Flags & RouteLookupEngine.FindSourceFlag) != 0 || rule.SuppressInterfaceGroup is not null)
            {
                return -1;
            }

            switch (rule.Action)
            {
                case RuleAction.Nop:
                    continue;
                case RuleAction.Goto:
                    var target = rule.GotoPriority is { } priority ? Array.FindIndex(rules, i + 1, r => r.Priority == priority) : -1;
                    if (target >= 0)
                    {
                        i = target - 1;
                    }

                    continue;
                case RuleAction.Blackhole or RuleAction.Unreachable or RuleAction.Prohibit:
                    steps.Add(new Step(null, LookupErrors.OfRuleAction(rule.Action), -1, false));
                    return Add(new Program(family, tos, request.From is not null, [.. steps]));
                case RuleAction.ToTable:
                    var suppress = rule.SuppressPrefixLength is { } s and >= 0 ? s : -1;
                    steps.Add(new Step(TableOf(family, rule.Table), 0, suppress, _engine.HasSourceRoutes(family, rule.Table)));
                    continue;
                default:
                    return -1;
            }
        }

        steps.Add(new Step(null, LookupErrors.ENETUNREACH, -1, false));
        return Add(new Program(family, tos, request.From is not null, [.. steps]));
    }

    /// <summary>Decides the question "<paramref name="destination"/> with program <paramref name="program"/>'s selectors".</summary>
    public BatchAnswer Lookup(int program, UInt128 destination)
    {
        var p = _programs[program];
        var ipv4 = p.Family == AddressFamily.InterNetwork;
        if (ipv4 ? IsUnusualIpv4((uint)destination) : IsUnusualIpv6(destination))
        {
            return new BatchAnswer(BatchVerdict.Slow, 0);
        }

        foreach (var step in p.Steps)
        {
            if (step.Table is not { } table)
            {
                if (step.Errno != 0)
                {
                    return new BatchAnswer(BatchVerdict.Refused, step.Errno);
                }

                continue;
            }

            if (step.SourceRoutes)
            {
                return new BatchAnswer(BatchVerdict.AskKernel, 0);
            }

            var node = ipv4 ? table.Ipv4!.Find((uint)destination) : table.Index.Find(destination)?.Ordinal ?? -1;
            if (node < 0)
            {
                continue;
            }

            // Cached outcomes are read without the lock: a slot is one aligned 64-bit word, written once when decided.
            var outcome = p.Tos == 0 || !ipv4 ? Outcome.Unpack(Volatile.Read(ref table.NodeOutcomes[node])) : default;
            if (outcome.Kind == OutcomeKind.Unknown)
            {
                // Two threads may decide the same node at once: they reach the same outcome and write the same word.
                outcome = Decide(p, table, node);
            }

            switch (outcome.Kind)
            {
                case OutcomeKind.Continue:
                    continue;
                case OutcomeKind.AskKernel:
                    return new BatchAnswer(BatchVerdict.AskKernel, 0);
                case OutcomeKind.Refuse:
                    return new BatchAnswer(BatchVerdict.Refused, outcome.Value);
            }

            if (_ipv4Local is { } local && ipv4 && local.Ipv4!.Find((uint)destination) >= 0)
            {
                // No custom rules: the kernel merges the local table into main (the engine asks it too).
                return new BatchAnswer(BatchVerdict.AskKernel, 0);
            }

            if (step.Suppress >= 0 && outcome.PrefixLength <= step.Suppress)
            {
                continue;
            }

            return outcome.Kind switch
            {
                OutcomeKind.Answer => new BatchAnswer(BatchVerdict.Answered, outcome.Value),
                OutcomeKind.AnswerWithFrom when p.HasFrom => new BatchAnswer(BatchVerdict.Answered, outcome.Value),
                OutcomeKind.AnswerWithFrom or OutcomeKind.AskKernelIfChosen => new BatchAnswer(BatchVerdict.AskKernel, 0),
                _ => new BatchAnswer(BatchVerdict.Slow, 0),
            };
        }

        return new BatchAnswer(BatchVerdict.Refused, LookupErrors.ENETUNREACH);
    }

    /// <summary>
    /// The shape of the kernel's answer through <paramref name="route"/>: two routes of one shape give answers that
    /// differ only in their destination (for the same selectors).
    /// </summary>
    public int ShapeOf(Route route) => ShapeOf(route, route.Nexthops.Count == 1 ? route.Nexthops[0] : null, out _);

    /// <summary>What the table's answer for node <paramref name="node"/> means, for tos 0 kept for the next question.</summary>
    private Outcome Decide(Program program, Table table, int node)
    {
        var ipv4 = program.Family == AddressFamily.InterNetwork;
        var winner = program.Tos == 0 || !ipv4 ? table.Winners[node] : Ipv4Winner(table, table.Index.Nodes[node], program.Tos);
        var outcome = OutcomeFor(table, winner);
        if (program.Tos == 0 || !ipv4)
        {
            Volatile.Write(ref table.NodeOutcomes[node], outcome.Pack());
        }

        return outcome;
    }

    private Outcome OutcomeFor(Table table, int winner) => winner switch
    {
        NoRoute => new Outcome(OutcomeKind.Continue, 0, 0),
        DeadRoute => new Outcome(OutcomeKind.AskKernel, 0, 0),
        _ => OutcomeOf(table, table.Routes[winner]),
    };

    /// <summary>The table's answer when <paramref name="route"/> wins: go on, refuse, ask the kernel, or answer with a shape.</summary>
    private Outcome OutcomeOf(Table table, Route route)
    {
        var length = (byte)route.Destination.Length;
        switch (route.Type)
        {
            case RouteType.Throw:
                return new Outcome(OutcomeKind.Continue, length, 0);
            case RouteType.Unreachable or RouteType.Prohibit or RouteType.Blackhole:
                return new Outcome(OutcomeKind.Refuse, length, LookupErrors.OfRouteType(route.Type));
        }

        // RouteLookupEngine.Answer's reasons to ask the kernel, in its order.
        if (route.NexthopId is not null || route.Nexthops.Count > 1)
        {
            return new Outcome(OutcomeKind.AskKernelIfChosen, length, 0);
        }

        var single = route.Nexthops.Count == 1 ? route.Nexthops[0] : null;
        if (route.Via is not null || single?.Via is not null || route.Realms is not null || single?.Realms is not null || route.EncapType is not null)
        {
            return new Outcome(OutcomeKind.AskKernelIfChosen, length, 0);
        }

        if (route.Type != RouteType.Unicast)
        {
            return new Outcome(OutcomeKind.Slow, length, 0);
        }

        var ipv4 = route.Family == AddressFamily.InterNetwork;
        if (ipv4 ? route.Destination.Length == 0 && table.Index.DefaultRoutes > 1 : route.ExpiresSeconds is not null)
        {
            return new Outcome(OutcomeKind.AskKernelIfChosen, length, 0);
        }

        if (route.OutputInterface is null && single?.OutputInterface is null)
        {
            return new Outcome(OutcomeKind.AskKernelIfChosen, length, 0);
        }

        // IPv4 takes --from as the source; without it (and always for IPv6) the route's or the selected one.
        var shape = ShapeOf(route, single, out var hasSource);
        return new Outcome(hasSource ? OutcomeKind.Answer : ipv4 ? OutcomeKind.AnswerWithFrom : OutcomeKind.AskKernelIfChosen, length, shape);
    }

    /// <summary>The shape of the kernel's answer through <paramref name="route"/>: every field the engine copies or derives from it.</summary>
    private int ShapeOf(Route route, Nexthop? single, out bool hasSource)
    {
        var gateway = route.Gateway ?? single?.Gateway;
        var device = route.OutputInterface ?? single?.OutputInterface;

        // The common IPv4 route (a gateway or none, a device, nothing else of its own): its shape is a function of
        // these few integers, found without building the full key (source selection, metrics text, address hashing).
        SimpleShape? simple = route.Family == AddressFamily.InterNetwork && route.PreferredSource is null && route.Metrics.Count == 0
            && route.LockedMetrics == 0 && route.CongestionControl is null && route.Ipv6Preference is null && device is { } simpleDevice
            ? new SimpleShape(route.Table, route.Tos, gateway is null ? 0 : (uint)AddressBits.ToBits(gateway), gateway is not null, simpleDevice, route.Scope)
            : null;
        if (simple is { } known && _simpleShapes.TryGetValue(known, out var found))
        {
            hasSource = found.HasSource;
            return found.Shape;
        }

        lock (_sync)
        {
            return NewShape(route, gateway, device, simple, out hasSource);
        }
    }

    /// <summary>The full key of a shape (under the lock: the table of shapes grows).</summary>
    private int NewShape(Route route, IPAddress? gateway, int? device, SimpleShape? simple, out bool hasSource)
    {
        var source = route.PreferredSource;
        if (source is null && device is { } dev)
        {
            source = route.Family == AddressFamily.InterNetworkV6
                ? _engine.Sources.SelectIpv6(dev, IPAddress.IPv6None)
                : _engine.Sources.SelectIpv4(dev, gateway, route.Scope);
        }

        // An IPv4 answer carries neither the route's protocol, metric nor flags; an IPv6 one does.
        var ipv6 = route.Family == AddressFamily.InterNetworkV6;
        var key = new AnswerShape(
            route.Family, route.Table, route.Tos, ipv6 ? route.Protocol : (byte)0, ipv6 ? route.Priority : null, route.Ipv6Preference,
            ipv6 ? route.Flags : 0, gateway, device, source, MetricsText(route), route.LockedMetrics, route.CongestionControl);
        if (!_shapeIds.TryGetValue(key, out var id))
        {
            id = _shapeIds.Count;
            _shapeIds.Add(key, id);
        }

        hasSource = source is not null;
        if (simple is { } newSimple)
        {
            _simpleShapes[newSimple] = (id, hasSource);
        }

        return id;
    }

    private static string? MetricsText(Route route) =>
        route.Metrics.Count == 0 ? null : string.Join(',', route.Metrics.Select(m => $"{m.Kind}={m.Value}"));

    private int Add(Program program)
    {
        _programs.Add(program);
        return _programs.Count - 1;
    }

    private Table? TableOf(AddressFamily family, uint id)
    {
        if (!_tables.TryGetValue((family, id), out var table))
        {
            table = _engine.TableOf(family, id) is { } index ? new Table(index) : null;
            _tables.Add((family, id), table);
        }

        return table;
    }

    /// <summary>RouteLookupEngine's multicast, broadcast and zero-network destinations.</summary>
    private static bool IsUnusualIpv4(uint address)
    {
        var first = address >> 24;
        return first == 0 || first >= 224 || address == uint.MaxValue;
    }

    /// <summary>Anything but a global unicast IPv6 destination that no interface has.</summary>
    private bool IsUnusualIpv6(UInt128 address)
    {
        var top = (ulong)(address >> 64);
        var first = top >> 56;
        var firstTen = top >> 54;
        return first == 0 || first == 0xff || firstTen == 0x3fa || firstTen == 0x3fb || _localIpv6.Contains(address);
    }

    /// <summary>fib_table_lookup's choice for a packet with tos <paramref name="tos"/> (RouteLookupEngine's Ipv4Table).</summary>
    private static int Ipv4Winner(Table table, PrefixNode? node, byte tos)
    {
        for (; node is not null; node = node.Parent)
        {
            var first = table.FirstRoute[node.Ordinal];
            var routes = node.RouteSpan;
            for (var i = 0; i < routes.Length; i++)
            {
                var route = routes[i];
                if (route.Tos != 0 && route.Tos != tos)
                {
                    continue;
                }

                return IsDead(route) ? DeadRoute : first + i;
            }
        }

        return NoRoute;
    }

    /// <summary>fib6_table_lookup's choice: the longest prefix with routes decides; two or more there, the kernel does.</summary>
    private static int Ipv6Winner(Table table, PrefixNode node)
    {
        if (node.RouteSpan.Length > 1)
        {
            return DeadRoute;
        }

        return IsDead(node.RouteSpan[0]) ? DeadRoute : table.FirstRoute[node.Ordinal];
    }

    private static bool IsDead(Route route)
    {
        const RouteFlags dead = RouteFlags.Dead | RouteFlags.LinkDown;
        if ((route.Flags & dead) != 0)
        {
            return true;
        }

        foreach (var nexthop in route.Nexthops)
        {
            if ((nexthop.Flags & dead) != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One table: its nodes' routes in one array, the winner of each node for tos 0, and for IPv4 the stride index.</summary>
    private sealed class Table
    {
        public Table(PrefixIndex index)
        {
            Index = index;
            var nodes = index.Nodes;
            FirstRoute = new int[nodes.Count];
            var routes = new List<Route>(index.Count);
            foreach (var node in nodes)
            {
                FirstRoute[node.Ordinal] = routes.Count;
                routes.AddRange(node.RouteSpan);
            }

            Routes = [.. routes];
            var ipv4 = nodes.Count > 0 && nodes[0].Prefix.Address.AddressFamily == AddressFamily.InterNetwork;
            Winners = new int[nodes.Count];
            foreach (var node in nodes)
            {
                Winners[node.Ordinal] = ipv4 ? Ipv4Winner(this, node, 0) : Ipv6Winner(this, node);
            }

            Ipv4 = index.Ipv4;
            NodeOutcomes = new ulong[nodes.Count];
        }

        /// <summary>Each node's outcome for tos 0 (<see cref="Outcome.Pack"/>), decided ahead or on first use; 0 until then.</summary>
        public readonly ulong[] NodeOutcomes;

        public PrefixIndex Index { get; }

        public Ipv4StrideIndex? Ipv4 { get; }

        public Route[] Routes { get; }

        public int[] FirstRoute { get; }

        public int[] Winners { get; }
    }

    /// <summary>A table's verdict for one question, in 8 bytes so the hot loop reads one array slot.</summary>
    private enum OutcomeKind : byte
    {
        Unknown,
        Continue,
        Refuse,
        AskKernel,
        Answer,
        AnswerWithFrom,
        AskKernelIfChosen,
        Slow,
    }

    private readonly record struct Outcome(OutcomeKind Kind, byte PrefixLength, int Value)
    {
        public static Outcome Unpack(ulong packed) => new((OutcomeKind)(byte)packed, (byte)(packed >> 8), (int)(packed >> 32));

        public ulong Pack() => (byte)Kind | ((ulong)PrefixLength << 8) | ((ulong)(uint)Value << 32);
    }

    private readonly record struct Step(Table? Table, int Errno, int Suppress, bool SourceRoutes);

    private sealed record Program(AddressFamily Family, byte Tos, bool HasFrom, Step[] Steps);

    private readonly record struct SimpleShape(uint Table, byte Tos, uint Gateway, bool HasGateway, int Device, RouteScope Scope);

    private readonly record struct AnswerShape(
        AddressFamily Family,
        uint Table,
        byte Tos,
        byte Protocol,
        uint? Priority,
        byte? Preference,
        RouteFlags Flags,
        IPAddress? Gateway,
        int? Device,
        IPAddress? Source,
        string? Metrics,
        uint LockedMetrics,
        string? CongestionControl);
}
