using NetLens.Core.Links;
using NetLens.Core.Routing;
using NetLens.Core.Routing.Lookup;
using NetLens.Core.Routing.Policy;
using NetLens.Linux.Namespaces;
using NetLens.Linux.Proc;
using NetLens.Linux.Routing;

namespace NetLens.Engines.Routing;

/// <summary>
/// `route get`: the kernel's own answer (RTM_GETROUTE, as ip route get asks it) with the table entry that matched and
/// the rule that chose its table; or the in-process engine's decision with the trace of why, from the kernel's tables
/// now or from a saved snapshot.
/// </summary>
public sealed class RouteGetEngine(NetworkContext context)
{
    public Task<RouteGetAnswer> LookupAsync(RouteGetRequest question, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        var request = question.Lookup;
        using var netlink = context.Run(RouteNetlink.Open);
        var outcome = netlink.Lookup(request);
        var rules = netlink.DumpRules(question.Target.Address.AddressFamily);

        // the kernel's fibmatch answer is the table entry that matched: prefix, metric, protocol
        var matched = outcome.Found ? netlink.Lookup(request with { FibMatch = true }).Route : null;
        var packet = RoutePacket.Of(request, outcome.Route, question.Uid);
        var rule = DecidingRuleFinder.Find(rules, packet, outcome.Route?.Table, matched?.Destination.Length);
        var explanation = new RouteExplanation(question.Target, request, outcome, matched, rule, packet)
        {
            InputForwardingOff = !outcome.Found && request.InputInterface is { } iif
                && context.Run(() => ForwardingSysctl.IsOff(question.Target.Address.AddressFamily, iif)),
        };
        return Task.FromResult(new RouteGetAnswer(explanation, rules, LinksNamedBy(netlink, outcome.Route, matched)));
    }

    /// <summary>
    /// The in-process engine decides from one snapshot (the kernel's now, or the saved one) and traces why; the kernel
    /// is asked only for an answer the engine cannot reproduce, and never about a saved snapshot.
    /// </summary>
    public Task<RouteExplainAnswer> ExplainAsync(RouteGetRequest question, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        var request = question.Lookup;
        using var netlink = question.Snapshot is null ? context.Run(RouteNetlink.Open) : null;
        var snapshot = question.Snapshot?.Snapshot ?? RoutingSnapshotReader.Read(netlink!);
        var result = new RouteLookupEngine(snapshot).Lookup(request, request.Uid ?? question.Uid, trace: true);
        var decision = Decide(question, result, netlink, question.Snapshot?.Path ?? "kernel");
        var outcome = new RouteLookupOutcome(decision.Answer, decision.Errno, decision.Error);
        var explanation = new RouteExplanation(
            question.Target, request, outcome, result.MatchedRoute, result.Rule, RoutePacket.Of(request, decision.Answer, question.Uid));
        return Task.FromResult(new RouteExplainAnswer(decision, explanation, snapshot));
    }

    private static RouteDecision Decide(RouteGetRequest question, LookupResult result, RouteNetlink? netlink, string source)
    {
        var (target, request) = (question.Target, question.Lookup);
        switch (result.Status)
        {
            case LookupStatus.Answered:
                return new RouteDecision(target, request, result, result.Answer, 0, null, false, source);
            case LookupStatus.Refused:
                return new RouteDecision(target, request, result, null, result.Errno, result.Error, false, source);
        }

        if (netlink is null)
        {
            return new RouteDecision(target, request, result, null, 0, $"cannot be answered from a snapshot: {result.Reason}", false, source);
        }

        var outcome = netlink.Lookup(request);
        return new RouteDecision(target, request, result, outcome.Route, outcome.Errno, outcome.Error, true, source);
    }

    /// <summary>Only the links the answer names: one small request each beats dumping every link of a busy host.</summary>
    private static List<Link> LinksNamedBy(RouteNetlink netlink, params Route?[] routes)
    {
        var indexes = new HashSet<int>();
        foreach (var route in routes)
        {
            if (route is null)
            {
                continue;
            }

            AddIndex(indexes, route.OutputInterface);
            AddIndex(indexes, route.InputInterface);
            foreach (var nexthop in route.Nexthops)
            {
                AddIndex(indexes, nexthop.OutputInterface);
            }
        }

        var links = new List<Link>(indexes.Count);
        foreach (var index in indexes)
        {
            if (netlink.GetLink(index) is { } link)
            {
                links.Add(link);
            }
        }

        return links;
    }

    private static void AddIndex(HashSet<int> indexes, int? index)
    {
        if (index is > 0)
        {
            indexes.Add(index.Value);
        }
    }
}
