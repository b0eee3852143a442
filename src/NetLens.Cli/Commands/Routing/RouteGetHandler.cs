using System.Net;
using System.Net.Sockets;
using NetLens.Cli.Hosting;
using NetLens.Cli.Output.Routing;
using NetLens.Cli.Output.Routing.Explain;
using NetLens.Cli.Parsing;
using NetLens.Cli.Snapshots;
using NetLens.Core;
using NetLens.Core.Addressing;
using NetLens.Core.Links;
using NetLens.Core.Routing;
using NetLens.Core.Routing.Lookup;
using NetLens.Core.Routing.Policy;
using NetLens.Engines.Context;
using NetLens.Linux.Config;
using NetLens.Linux.Processes;
using NetLens.Linux.Routing;

namespace NetLens.Cli.Commands.Routing;

/// <summary>Asks the kernel (RTM_GETROUTE, as ip route get does), then explains the answer.</summary>
public static class RouteGetHandler
{
    public static int Run(RouteGetOptions options, CliOutput output)
    {
        var target = IpShortForm.TryParse(options.Target, out var shortForm) && options.Family is null or AddressFamily.InterNetwork
            ? new ResolvedTarget(shortForm, null)
            : TargetResolver.Resolve(options.Target, options.Family);
        var request = ToRequest(options, target.Address);
        if (options.Explain || options.SnapshotPath is not null)
        {
            return RunWithEngine(options, target, request, output);
        }

        using var netlink = options.Netns is { } ns ? RouteNetlink.OpenInNamespace(ns) : RouteNetlink.Open();

        var outcome = netlink.Lookup(request);
        var family = target.Address.AddressFamily;
        var rules = netlink.DumpRules(family);

        // The kernel's fibmatch answer is the table entry that matched: prefix, metric, protocol.
        var matched = outcome.Found ? netlink.Lookup(request with { FibMatch = true }).Route : null;
        var words = new RouteWords(IpNamesFiles.OnDemand(), new InterfaceNames(LinksNamedBy(netlink, outcome.Route, matched)), rules);
        var packet = ToPacket(request, outcome.Route);
        var rule = DecidingRuleFinder.Find(rules, packet, outcome.Route?.Table, matched?.Destination.Length);
        var explanation = new RouteExplanation(target, request, outcome, matched, rule, packet);

        if (options.Json)
        {
            RouteGetJsonWriter.Write(output.Out, explanation, words);
        }
        else
        {
            RouteGetTextWriter.Write(output, explanation, words, options.Verbose);
        }

        return outcome.Found ? ExitCodes.Success : ExitCodes.Failure;
    }

    /// <summary>
    /// --explain and --snapshot: the in-process engine decides from one snapshot (the kernel's now, or a file)
    /// and traces why; the kernel is asked only for an answer the engine cannot reproduce, and never for a file.
    /// </summary>
    private static int RunWithEngine(RouteGetOptions options, ResolvedTarget target, RouteLookupRequest request, CliOutput output)
    {
        using var netlink = options.SnapshotPath is null ? Open(options) : null;
        var snapshot = netlink is null ? RoutingSnapshotFile.Load(options.SnapshotPath!) : RoutingSnapshotReader.Read(netlink);
        var engine = new RouteLookupEngine(snapshot);
        var result = engine.Lookup(request, request.Uid ?? CurrentUser.Uid, trace: true);
        var decision = Decide(target, request, result, netlink, options.SnapshotPath ?? "kernel");
        var words = new RouteWords(IpNamesFiles.OnDemand(), snapshot.InterfaceNames, snapshot.Rules);
        if (options.Explain)
        {
            if (options.Json)
            {
                ExplainJsonWriter.Write(output.Out, decision, words);
            }
            else
            {
                ExplainTextWriter.Write(output, decision, words);
            }

            return decision.Found ? ExitCodes.Success : ExitCodes.Failure;
        }

        // --snapshot alone: today's short answer, decided from the file.
        var outcome = new RouteLookupOutcome(decision.Answer, decision.Errno, decision.Error);
        var rules = snapshot.Rules.Where(r => r.Family == target.Address.AddressFamily).ToList();
        var explanation = new RouteExplanation(target, request, outcome, result.MatchedRoute, result.Rule, ToPacket(request, decision.Answer));
        var mechanism = $"snapshot {options.SnapshotPath}: in-process lookup ({rules.Count} rules, {snapshot.Routes.Count} routes)";
        if (options.Json)
        {
            RouteGetJsonWriter.Write(output.Out, explanation, words, mechanism);
        }
        else
        {
            RouteGetTextWriter.Write(output, explanation, words, options.Verbose, mechanism);
        }

        return decision.Found ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static RouteDecision Decide(ResolvedTarget target, RouteLookupRequest request, LookupResult result, RouteNetlink? netlink, string source)
    {
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

    private static RouteNetlink Open(RouteGetOptions options) =>
        options.Netns is { } ns ? RouteNetlink.OpenInNamespace(ns) : RouteNetlink.Open();

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

    private static RouteLookupRequest ToRequest(RouteGetOptions options, IPAddress destination)
    {
        IPAddress? from = null;
        if (options.From is { } fromText)
        {
            if (!IPAddress.TryParse(fromText, out from))
            {
                throw new UsageException($"--from \"{fromText}\" is not an address");
            }

            if (from.AddressFamily != destination.AddressFamily)
            {
                throw new UsageException($"--from {from} and {destination} are not of the same family");
            }
        }

        return new RouteLookupRequest
        {
            Destination = destination,
            From = from,
            InputInterface = options.InputInterface,
            OutputInterface = options.OutputInterface,
            Mark = options.Mark is { } mark ? NumberText.ParseUInt32(mark, "--mark") : null,
            Uid = options.Uid is { } uid ? NumberText.ParseUInt32(uid, "--uid") : null,
            Tos = options.Tos is { } tos ? NumberText.ParseByte(tos, "--tos") : null,
            IpProtocol = options.IpProtocol is { } proto ? IpProtocolText.Parse(proto) : null,
            SourcePort = options.SourcePort is { } sport ? NumberText.ParsePort(sport, "--sport") : null,
            DestinationPort = options.DestinationPort is { } dport ? NumberText.ParsePort(dport, "--dport") : null,
        };
    }

    /// <summary>The packet as policy rules see it; the kernel's answer says the uid it used.</summary>
    private static PacketFacts ToPacket(RouteLookupRequest request, Route? answer) => new()
    {
        Destination = request.Destination,
        Source = request.From,
        InputInterface = request.InputInterface ?? "lo",
        OutputInterface = request.OutputInterface,
        Mark = request.Mark ?? 0,
        Uid = request.Uid ?? answer?.Uid ?? CurrentUser.Uid,
        Tos = request.Tos ?? 0,
        IpProtocol = request.IpProtocol,
        SourcePort = request.SourcePort,
        DestinationPort = request.DestinationPort,
    };
}

/// <summary>Everything the writers need to say about one lookup.</summary>
public sealed record RouteExplanation(
    ResolvedTarget Target,
    RouteLookupRequest Request,
    RouteLookupOutcome Outcome,
    Route? MatchedRoute,
    PolicyRule? Rule,
    PacketFacts Packet)
{
    public AddressFamily Family => Target.Address.AddressFamily;
}
