using System.Net;
using System.Net.Sockets;
using NetLens.Core.Addressing;
using NetLens.Core.Routing.Policy;

namespace NetLens.Core.Routing.Lookup;

/// <summary>
/// Answers `ip route get` questions from a snapshot, the way the kernel does (fib_rules_lookup, then
/// fib_table_lookup / fib6_table_lookup per table), and builds the same route the kernel's RTM_GETROUTE
/// answer carries. Where the kernel's choice depends on state a snapshot does not hold (the ECMP hash
/// secret, neighbour states, RFC 6724 ties, input-route validation), it says so: <see cref="LookupStatus.AskKernel"/>.
/// </summary>
public sealed class RouteLookupEngine
{
    // FIB_RULE_FIND_SADDR: an IPv6 rule that picks a source itself.
    internal const uint FindSourceFlag = 0x00010000;

    // RTCF_LOCAL and RTCF_BROADCAST, the cache flags of IPv4 answers.
    private const RouteFlags LocalCacheFlag = (RouteFlags)0x80000000;
    private const RouteFlags BroadcastCacheFlag = (RouteFlags)0x10000000;

    private readonly Dictionary<(AddressFamily, uint), PrefixIndex> _tables = [];
    private readonly PolicyRule[] _ipv4Rules;
    private readonly PolicyRule[] _ipv6Rules;
    private readonly CompiledRule[] _ipv4Compiled;
    private readonly CompiledRule[] _ipv6Compiled;
    private readonly bool _ipv4DefaultRulesOnly;
    private readonly int? _loopback;
    private readonly HashSet<(AddressFamily, uint)> _tablesWithSourceRoutes = [];

    public RouteLookupEngine(RoutingSnapshot snapshot)
    {
        Snapshot = snapshot;
        foreach (var group in snapshot.Routes.GroupBy(r => (r.Family, r.Table)))
        {
            _tables[group.Key] = new PrefixIndex(group.Key.Family, group);
            if (group.Any(r => r.Source is { Length: > 0 }))
            {
                _tablesWithSourceRoutes.Add(group.Key);
            }
        }

        _ipv4Rules = [.. snapshot.Rules.Where(r => r.Family == AddressFamily.InterNetwork).OrderBy(r => r.Priority)];
        _ipv6Rules = [.. snapshot.Rules.Where(r => r.Family == AddressFamily.InterNetworkV6).OrderBy(r => r.Priority)];
        _ipv4Compiled = [.. _ipv4Rules.Select(r => new CompiledRule(r))];
        _ipv6Compiled = [.. _ipv6Rules.Select(r => new CompiledRule(r))];
        _ipv4DefaultRulesOnly = IsDefaultRuleSet(_ipv4Rules);
        _loopback = snapshot.Links.FirstOrDefault(l => l.Name == "lo")?.Index;
        Sources = new SourceAddressSelector(snapshot.Addresses);
    }

    public RoutingSnapshot Snapshot { get; }

    /// <summary>The kernel's "no custom rules" shape, where it merges the local table into main.</summary>
    internal bool Ipv4DefaultRulesOnly => _ipv4DefaultRulesOnly;

    internal PolicyRule[] RulesOf(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? _ipv6Rules : _ipv4Rules;

    internal CompiledRule[] CompiledRulesOf(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? _ipv6Compiled : _ipv4Compiled;

    internal PrefixIndex? TableOf(AddressFamily family, uint table) => _tables.GetValueOrDefault((family, table));

    /// <summary>Every table the snapshot has routes in.</summary>
    internal IEnumerable<(AddressFamily Family, uint Table)> Tables => _tables.Keys;

    internal bool HasSourceRoutes(AddressFamily family, uint table) => _tablesWithSourceRoutes.Contains((family, table));

    public SourceAddressSelector Sources { get; }

    /// <summary>Answers one question. <paramref name="uid"/> is the uid the kernel would use (the request's, else the caller's).</summary>
    public LookupResult Lookup(RouteLookupRequest request, uint uid, bool trace = false)
    {
        return new Question(this, request, uid, trace ? new LookupTrace() : null).Run();
    }

    /// <summary>The routes of one table whose prefix contains <paramref name="address"/>, longest prefix first.</summary>
    public IEnumerable<Route> CoveringRoutes(AddressFamily family, uint table, IPAddress address)
    {
        if (!_tables.TryGetValue((family, table), out var index))
        {
            yield break;
        }

        for (var node = index.Find(address); node is not null; node = node.Parent)
        {
            foreach (var route in node.Routes)
            {
                yield return route;
            }
        }
    }

    private static bool IsDefaultRuleSet(PolicyRule[] rules) =>
        rules.Length == 3
        && rules.Select(r => (r.Priority, r.Table)).SequenceEqual([(0u, RouteTables.Local), (32766u, RouteTables.Main), (32767u, RouteTables.Default)])
        && rules.All(r => r.Action == RuleAction.ToTable && !r.Invert && r.From is null && r.To is null && r.FwMark is null
            && r.InputInterface is null && r.OutputInterface is null && r.IpProtocol is null && r.SourcePorts is null
            && r.DestinationPorts is null && r.Tos == 0 && r.SuppressPrefixLength is null or < 0 && r.SuppressInterfaceGroup is null
            && (r.UidRange is null || r.UidRange == new PortRange(0, uint.MaxValue)));

    /// <summary>One question on its way through the rules and tables.</summary>
    private sealed class Question(RouteLookupEngine engine, RouteLookupRequest request, uint uid, LookupTrace? trace)
    {
        private readonly AddressFamily _family = request.Destination.AddressFamily;
        private readonly UInt128 _bits = AddressBits.ToBits(request.Destination);
        private readonly byte _tos = request.Tos ?? 0;

        public LookupResult Run()
        {
            if (Unanswerable() is { } why)
            {
                return Ask(why);
            }

            if (request.From is { } unconfigured && IsUnconfiguredIpv4Source(unconfigured))
            {
                // ip_route_output_key_hash_rcu: a source no interface has (__ip_dev_find fails) is ENETUNREACH.
                trace?.Rules.Clear();
                return new LookupResult(LookupStatus.Refused, null, LookupErrors.ENETUNREACH, "the source address is not configured on any interface", trace);
            }

            var packet = trace is null ? null : new PacketFacts
            {
                Destination = request.Destination,
                Source = request.From,
                Mark = request.Mark ?? 0,
                Uid = uid,
                Tos = _tos,
                IpProtocol = request.IpProtocol,
                SourcePort = request.SourcePort,
                DestinationPort = request.DestinationPort,
            };
            var ipv6 = _family == AddressFamily.InterNetworkV6;
            var rules = ipv6 ? engine._ipv6Rules : engine._ipv4Rules;
            var compiled = ipv6 ? engine._ipv6Compiled : engine._ipv4Compiled;
            UInt128? source = request.From is { } from ? AddressBits.ToBits(from) : null;
            var mark = request.Mark ?? 0;
            for (var i = 0; i < rules.Length; i++)
            {
                var rule = rules[i];
                if (packet is null)
                {
                    if (!compiled[i].Selects(_bits, source, mark, uid, _tos, request.IpProtocol, request.SourcePort, request.DestinationPort))
                    {
                        continue;
                    }
                }
                else if (Mismatch(rule, packet) is { } mismatch)
                {
                    Step(rule, RuleVerdict.NotMatched, mismatch);
                    continue;
                }

                if ((rule.Flags & FindSourceFlag) != 0 || rule.SuppressInterfaceGroup is not null)
                {
                    return Ask($"rule {rule.Priority} uses a selector the engine does not model");
                }

                switch (rule.Action)
                {
                    case RuleAction.Nop:
                        Step(rule, RuleVerdict.PassedOn, "nop: the lookup goes on");
                        continue;
                    case RuleAction.Goto:
                        var target = rule.GotoPriority is { } priority ? Array.FindIndex(rules, i + 1, r => r.Priority == priority) : -1;
                        if (target < 0)
                        {
                            Step(rule, RuleVerdict.PassedOn, $"goto {rule.GotoPriority}: no rule has that priority, so the rule is skipped");
                            continue;
                        }

                        Step(rule, RuleVerdict.PassedOn, $"goto {rule.GotoPriority}: jumps over the rules in between");
                        for (var skipped = i + 1; skipped < target; skipped++)
                        {
                            Step(rules[skipped], RuleVerdict.NotReached, $"jumped over by goto {rule.GotoPriority}");
                        }

                        i = target - 1;
                        continue;
                    case RuleAction.Blackhole or RuleAction.Unreachable or RuleAction.Prohibit:
                        var errno = LookupErrors.OfRuleAction(rule.Action);
                        Step(rule, RuleVerdict.Decided, $"{rule.Action.ToString().ToLowerInvariant()}: the rule itself refuses the packet ({LookupErrors.Describe(errno)})");
                        NotReached(rules, i);
                        return new LookupResult(LookupStatus.Refused, null, errno, null, trace) { Rule = rule };
                    case RuleAction.ToTable:
                        var outcome = LookupTable(rule);
                        switch (outcome.Kind)
                        {
                            case TableOutcome.NoRoute or TableOutcome.Throw:
                                Step(rule, RuleVerdict.PassedOn, outcome.Words);
                                continue;
                            case TableOutcome.AskKernel:
                                Step(rule, RuleVerdict.Decided, outcome.Words);
                                return Ask(outcome.Words) with { MatchedRoute = outcome.Route, Rule = rule };
                            case TableOutcome.Reject:
                                Step(rule, RuleVerdict.Decided, outcome.Words);
                                NotReached(rules, i);
                                return new LookupResult(LookupStatus.Refused, null, LookupErrors.OfRouteType(outcome.Route!.Type), null, trace) { MatchedRoute = outcome.Route, Rule = rule };
                        }

                        var matched = outcome.Route!;
                        if (rule.SuppressPrefixLength is { } suppress and >= 0 && matched.Destination.Length <= suppress)
                        {
                            Step(rule, RuleVerdict.PassedOn, $"suppressed: the answer's prefix /{matched.Destination.Length} is not longer than suppress_prefixlength {suppress}");
                            continue;
                        }

                        Step(rule, RuleVerdict.Decided, outcome.Words);
                        NotReached(rules, i);
                        return Answer(matched, rule);
                    default:
                        return Ask($"rule {rule.Priority} has action {rule.Action}");
                }
            }

            return new LookupResult(LookupStatus.Refused, null, LookupErrors.ENETUNREACH, null, trace);
        }

        /// <summary>Questions whose answer depends on more than rules, routes and addresses.</summary>
        private string? Unanswerable()
        {
            if (request.InputInterface is not null)
            {
                return "iif: an input route (source validation, forwarding settings)";
            }

            if (request.OutputInterface is not null)
            {
                return "oif: the kernel may assume the destination is on that link";
            }

            if ((_tos & ~0x1C) != 0)
            {
                return "tos bits outside the routing tos mask";
            }

            if (request.From is { } from && !engine.Sources.IsLocal(from) && !IsUnconfiguredIpv4Source(from))
            {
                return "from: the address is not configured here (or is loopback)";
            }

            if (request.From is { } loopback && IPAddress.IsLoopback(loopback))
            {
                return "from: a loopback source";
            }

            if (request.FibMatch)
            {
                return "fibmatch";
            }

            if (_family == AddressFamily.InterNetwork)
            {
                var first = (uint)(_bits >> 24);
                return first == 0 || first >= 224 || (uint)_bits == uint.MaxValue ? "multicast, broadcast or zero-network destination" : null;
            }

            var address = request.Destination;
            return address.IsIPv6LinkLocal || address.IsIPv6Multicast || address.IsIPv4MappedToIPv6 || IPAddress.IsLoopback(address)
                || address.Equals(IPAddress.IPv6Any) || address.IsIPv6SiteLocal
                ? "not a global unicast destination"
                : null;
        }

        /// <summary>An IPv4 unicast source that no interface has and no local route covers.</summary>
        private bool IsUnconfiguredIpv4Source(IPAddress from)
        {
            if (_family != AddressFamily.InterNetwork || engine.Sources.IsLocal(from))
            {
                return false;
            }

            var bits = (uint)AddressBits.ToBits(from);
            var first = bits >> 24;
            if (first == 0 || first == 127 || first >= 224)
            {
                return false;
            }

            if (engine._tables.TryGetValue((AddressFamily.InterNetwork, RouteTables.Local), out var local))
            {
                for (var node = local.Find(bits); node is not null; node = node.Parent)
                {
                    if (node.Routes.Any(r => r.Type == RouteType.Local))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private string? Mismatch(PolicyRule rule, PacketFacts packet)
        {
            // fib6_rule_match: without a source, a "from" rule never matches (there is no :: to compare).
            var mismatch = _family == AddressFamily.InterNetworkV6 && rule.From is { Length: > 0 } from && request.From is null
                ? $"from {from}: the packet has no source yet"
                : PolicyRuleMatcher.FirstMismatch(rule, packet);
            if (rule.Invert)
            {
                return mismatch is null ? "not: every selector matches, and the rule is inverted" : null;
            }

            return mismatch;
        }

        private TableResult LookupTable(PolicyRule rule)
        {
            var table = rule.Table;
            if (!engine._tables.TryGetValue((_family, table), out var index))
            {
                AddTable(table, rule, null, "empty table");
                return new TableResult(TableOutcome.NoRoute, null, "the table has no routes; the lookup goes on");
            }

            if (engine._tablesWithSourceRoutes.Contains((_family, table)))
            {
                return new TableResult(TableOutcome.AskKernel, null, "source-specific routes in this table");
            }

            var candidates = trace is null ? null : new List<RouteCandidate>();
            var node = index.Find(_bits);
            var result = _family == AddressFamily.InterNetworkV6 ? Ipv6Table(node, candidates) : Ipv4Table(node, candidates);
            if (result.Kind == TableOutcome.Found && _family == AddressFamily.InterNetwork && engine._ipv4DefaultRulesOnly
                && engine._tables.TryGetValue((_family, RouteTables.Local), out var local) && local.Find(_bits) is not null)
            {
                result = new TableResult(TableOutcome.AskKernel, result.Route, "no custom rules: the kernel merges the local table into main");
            }

            AddTable(table, rule, candidates, result.Words);
            return result;
        }

        /// <summary>fib_table_lookup: longest prefix first; in a prefix the first route whose tos fits (tos, then metric order).</summary>
        private TableResult Ipv4Table(PrefixNode? node, List<RouteCandidate>? candidates)
        {
            TableResult? result = null;
            for (; node is not null; node = node.Parent)
            {
                foreach (var route in node.Routes)
                {
                    if (result is { } decided)
                    {
                        candidates?.Add(Loser(route, decided.Route!));
                        continue;
                    }

                    if (route.Tos != 0 && route.Tos != _tos)
                    {
                        candidates?.Add(new RouteCandidate(route, CandidateVerdict.TosMismatch, $"tos 0x{route.Tos:x2} ≠ the packet's 0x{_tos:x2}"));
                        continue;
                    }

                    if (IsDead(route))
                    {
                        candidates?.Add(new RouteCandidate(route, CandidateVerdict.Dead, "dead or link down"));
                        result = new TableResult(TableOutcome.AskKernel, route, "a dead or link-down route covers the address");
                        if (candidates is null)
                        {
                            return result.Value;
                        }

                        continue;
                    }

                    candidates?.Add(new RouteCandidate(route, CandidateVerdict.Winner, WhyWinner(route, node)));
                    result = Classify(route);
                    if (candidates is null)
                    {
                        return result.Value;
                    }
                }
            }

            return result ?? new TableResult(TableOutcome.NoRoute, null, "no route covers the address; the lookup goes on");
        }

        /// <summary>fib6_table_lookup: the longest prefix that has routes; one route there, or the kernel decides.</summary>
        private TableResult Ipv6Table(PrefixNode? node, List<RouteCandidate>? candidates)
        {
            TableResult? result = null;
            for (; node is not null; node = node.Parent)
            {
                foreach (var route in node.Routes)
                {
                    if (result is { } decided)
                    {
                        candidates?.Add(decided.Route is { } winner ? Loser(route, winner) : new RouteCandidate(route, CandidateVerdict.LostToEarlierSamePrefix, "the kernel chooses among the routes of this prefix"));
                        continue;
                    }

                    if (node.Routes.Count > 1)
                    {
                        candidates?.Add(new RouteCandidate(route, CandidateVerdict.LostToEarlierSamePrefix, "the kernel chooses among the routes of this prefix"));
                        result = new TableResult(TableOutcome.AskKernel, null, $"{node.Routes.Count} routes for {node.Prefix}: the kernel chooses by metric, preference and neighbour state");
                        if (candidates is null)
                        {
                            return result.Value;
                        }

                        continue;
                    }

                    if (IsDead(route))
                    {
                        candidates?.Add(new RouteCandidate(route, CandidateVerdict.Dead, "dead or link down"));
                        result = new TableResult(TableOutcome.AskKernel, route, "a dead or link-down route covers the address");
                        if (candidates is null)
                        {
                            return result.Value;
                        }

                        continue;
                    }

                    candidates?.Add(new RouteCandidate(route, CandidateVerdict.Winner, WhyWinner(route, node)));
                    result = Classify(route);
                    if (candidates is null)
                    {
                        return result.Value;
                    }
                }
            }

            return result ?? new TableResult(TableOutcome.NoRoute, null, "no route covers the address; the lookup goes on");
        }

        private TableResult Classify(Route route)
        {
            var kind = route.Type switch
            {
                RouteType.Throw => TableOutcome.Throw,
                RouteType.Unreachable or RouteType.Prohibit or RouteType.Blackhole => TableOutcome.Reject,
                _ => TableOutcome.Found,
            };
            if (trace is null)
            {
                return new TableResult(kind, route, string.Empty);
            }

            return new TableResult(kind, route, kind switch
            {
                TableOutcome.Throw => $"throw route {route.Destination}: the lookup goes on to the next rule",
                TableOutcome.Reject => $"{route.Type.ToString().ToLowerInvariant()} route {route.Destination}: {LookupErrors.Describe(LookupErrors.OfRouteType(route.Type))}",
                _ => $"answered by {route.Destination}",
            });
        }

        private string WhyWinner(Route route, PrefixNode node)
        {
            var metric = route.Priority is { } m ? $"metric {m}" : "no metric";
            var others = node.Routes.Count - 1;
            var tos = route.Tos != 0 ? $", tos 0x{route.Tos:x2} matches" : string.Empty;
            return others == 0
                ? $"longest matching prefix /{node.Prefix.Length}{tos}, {metric}"
                : $"longest matching prefix /{node.Prefix.Length}{tos}; first of {others + 1} routes there in tos-then-metric order ({metric})";
        }

        private static RouteCandidate Loser(Route route, Route winner)
        {
            if (route.Destination.Length < winner.Destination.Length)
            {
                return new RouteCandidate(route, CandidateVerdict.ShorterPrefix, $"/{route.Destination.Length} is shorter than the winner's /{winner.Destination.Length}");
            }

            var mine = route.Priority ?? 0;
            var theirs = winner.Priority ?? 0;
            return new RouteCandidate(route, CandidateVerdict.LostToEarlierSamePrefix, mine > theirs
                ? $"same prefix, metric {mine} > the winner's {theirs}"
                : "same prefix, comes after the winner (tos, then metric order)");
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

        private LookupResult Answer(Route matched, PolicyRule rule)
        {
            if (matched.NexthopId is not null)
            {
                return Ask("the route uses a nexthop object") with { MatchedRoute = matched, Rule = rule };
            }

            if (matched.Nexthops.Count > 1)
            {
                var weights = string.Join(", ", matched.Nexthops.Select(n => $"{n.Gateway} weight {n.Weight}"));
                return Ask($"ECMP: the kernel hashes the flow with a boot-time secret to pick one of {weights}") with { MatchedRoute = matched, Rule = rule };
            }

            var single = matched.Nexthops.Count == 1 ? matched.Nexthops[0] : null;
            var gateway = matched.Gateway ?? single?.Gateway;
            var device = matched.OutputInterface ?? single?.OutputInterface;
            if (matched.Via is not null || single?.Via is not null || matched.Realms is not null || single?.Realms is not null || matched.EncapType is not null)
            {
                return Ask("via another family, realms or encapsulation") with { MatchedRoute = matched, Rule = rule };
            }

            var built = _family == AddressFamily.InterNetworkV6
                ? Ipv6Answer(matched, gateway, device, out var why)
                : Ipv4Answer(matched, gateway, device, out why);
            return built is null
                ? Ask(why!) with { MatchedRoute = matched, Rule = rule }
                : new LookupResult(LookupStatus.Answered, built, 0, null, trace) { MatchedRoute = matched, Rule = rule };
        }

        private Route? Ipv4Answer(Route matched, IPAddress? gateway, int? device, out string? why)
        {
            why = null;
            var from = request.From;
            IPAddress? source;
            var flags = RouteFlags.Cloned;
            switch (matched.Type)
            {
                case RouteType.Local:
                    // Local traffic leaves through loopback; the source is prefsrc or the destination itself.
                    source = from ?? matched.PreferredSource ?? request.Destination;
                    device = engine._loopback;
                    gateway = null;
                    flags |= LocalCacheFlag;
                    Explain("a local route: prefsrc, else the destination itself");
                    break;
                case RouteType.Broadcast:
                    source = from ?? matched.PreferredSource ?? (device is { } d ? engine.Sources.SelectIpv4(d, null, matched.Scope) : null);
                    gateway = null;
                    flags |= LocalCacheFlag | BroadcastCacheFlag;
                    Explain("the broadcast route's prefsrc");
                    break;
                case RouteType.Unicast:
                    if (matched.Destination.Length == 0 && engine._tables[(_family, matched.Table)].DefaultRoutes > 1)
                    {
                        why = "several default routes in the table: the kernel picks by neighbour state (fib_select_default)";
                        return null;
                    }

                    source = from ?? matched.PreferredSource ?? (device is { } dev ? engine.Sources.SelectIpv4(dev, gateway, matched.Scope) : null);
                    Explain(from is not null ? "the --from address"
                        : matched.PreferredSource is not null ? "the route's prefsrc"
                        : "no prefsrc: the device's first primary address in the route's scope, on the gateway's subnet if one is");
                    break;
                default:
                    why = $"a {matched.Type.ToString().ToLowerInvariant()} route";
                    return null;
            }

            if (source is null || device is null)
            {
                why = "no address on the output device: the kernel searches other devices";
                return null;
            }

            return new Route
            {
                Family = AddressFamily.InterNetwork,
                Type = matched.Type,
                Table = matched.Table,
                Destination = IpPrefix.Host(request.Destination),
                Source = from is null ? null : IpPrefix.Host(from),
                Tos = matched.Tos,
                Protocol = RouteProtocols.Unspecified,
                Gateway = gateway,
                OutputInterface = device,
                PreferredSource = from is null ? source : null,
                Flags = flags,
                Mark = request.Mark is { } mark and not 0 ? mark : null,
                Uid = uid,
                Metrics = matched.Metrics,
                LockedMetrics = matched.LockedMetrics,
            };
        }

        private Route? Ipv6Answer(Route matched, IPAddress? gateway, int? device, out string? why)
        {
            why = null;
            if (matched.ExpiresSeconds is not null)
            {
                why = "the route expires (its remaining time is the kernel's)";
                return null;
            }

            IPAddress? source;
            switch (matched.Type)
            {
                case RouteType.Local:
                    // RFC 6724 rule 1: the destination itself.
                    source = matched.PreferredSource ?? request.Destination;
                    device = engine._loopback;
                    Explain("a local route: the destination itself (RFC 6724 rule 1)");
                    break;
                case RouteType.Unicast:
                    source = matched.PreferredSource ?? (device is { } dev ? engine.Sources.SelectIpv6(dev, request.Destination) : null);
                    Explain(matched.PreferredSource is not null ? "the route's prefsrc" : "the only global address of the output device (RFC 6724 rule 5)");
                    if (source is null)
                    {
                        why = "IPv6 source selection with more than one candidate (RFC 6724)";
                        return null;
                    }

                    break;
                default:
                    why = $"a {matched.Type.ToString().ToLowerInvariant()} route";
                    return null;
            }

            if (device is null)
            {
                why = "no output device";
                return null;
            }

            return new Route
            {
                Family = AddressFamily.InterNetworkV6,
                Type = matched.Type,
                Table = matched.Table,
                Destination = IpPrefix.Host(request.Destination),
                Source = new IpPrefix(request.From ?? IPAddress.IPv6Any, 128),
                Protocol = matched.Protocol,
                Gateway = gateway,
                OutputInterface = device,
                PreferredSource = source,
                Priority = matched.Priority ?? 0,
                Ipv6Preference = matched.Ipv6Preference ?? 0,
                Flags = matched.Flags & (RouteFlags.OnLink | RouteFlags.Pervasive),
                Metrics = matched.Metrics,
                LockedMetrics = matched.LockedMetrics,
                CongestionControl = matched.CongestionControl,
            };
        }

        private void Explain(string sourceReason)
        {
            if (trace is not null)
            {
                trace.SourceReason = sourceReason;
            }
        }

        private LookupResult Ask(string why) => new(LookupStatus.AskKernel, null, 0, why, trace);

        private void Step(PolicyRule rule, RuleVerdict verdict, string detail) => trace?.Rules.Add(new RuleStep(rule, verdict, detail));

        private void NotReached(PolicyRule[] rules, int decided)
        {
            if (trace is null)
            {
                return;
            }

            for (var i = decided + 1; i < rules.Length; i++)
            {
                Step(rules[i], RuleVerdict.NotReached, "an earlier rule decided");
            }
        }

        private void AddTable(uint table, PolicyRule rule, List<RouteCandidate>? candidates, string outcome) =>
            trace?.Tables.Add(new TableStep(table, rule.Priority, candidates ?? [], outcome));
    }

    private enum TableOutcome
    {
        NoRoute,
        Found,
        Reject,
        Throw,
        AskKernel,
    }

    private readonly record struct TableResult(TableOutcome Kind, Route? Route, string Words);
}
