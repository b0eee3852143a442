using System.Net;
using System.Net.Sockets;
using NetLens.Cli.Hosting;
using NetLens.Cli.Output.Routing;
using NetLens.Cli.Output.Routing.Explain;
using NetLens.Cli.Parsing;
using NetLens.Cli.Snapshots;
using NetLens.Core;
using NetLens.Core.Addressing;
using NetLens.Core.Routing;
using NetLens.Engines.Context;
using NetLens.Engines.Routing;
using NetLens.Linux.Config;
using NetLens.Linux.Namespaces;
using NetLens.Linux.Processes;

namespace NetLens.Cli.Commands.Routing;

/// <summary>`route get`: binds the question, asks the route engine (the kernel, or the in-process engine with its trace), writes the answer.</summary>
public static class RouteGetHandler
{
    public static async Task<int> RunAsync(RouteGetOptions options, CliOutput output)
    {
        var target = IpShortForm.TryParse(options.Target, out var shortForm) && options.Family is null or AddressFamily.InterNetwork
            ? new ResolvedTarget(shortForm, null)
            : TargetResolver.Resolve(options.Target, options.Family);
        var context = NetworkContext.For(options.Netns);
        if (AddressZone.Resolve(options.Target, context) is { } zone)
        {
            // a link-local address means nothing without its link: the zone is the output interface, as a socket's scope id is
            if (options.OutputInterface is { } oif && oif != zone.Name)
            {
                throw new UsageException($"{InputText.Quote(options.Target)} is on {zone.Name}, --oif says {InputText.Quote(oif)}: give one");
            }

            options = options with { OutputInterface = zone.Name };
            target = target with { Address = AddressZone.WithoutZone(target.Address) };
        }

        var saved = options.SnapshotPath is { } path ? new SavedSnapshot(RoutingSnapshotFile.Load(path), path) : null;
        var question = new RouteGetRequest(target, ToRequest(options, target.Address), saved, CurrentUser.Uid);
        var engine = new RouteGetEngine(context);
        var cancellation = output.Interruption.Token;
        if (options.Explain || saved is not null)
        {
            var explained = await engine.ExplainAsync(question, cancellation).ConfigureAwait(false);
            return WriteExplained(options, explained, output);
        }

        var answer = await engine.LookupAsync(question, cancellation).ConfigureAwait(false);
        var words = new RouteWords(IpNamesFiles.OnDemand(), new InterfaceNames(answer.Links), answer.Rules);
        if (options.Json)
        {
            RouteGetJsonWriter.Write(output.Out, answer.Explanation, words);
        }
        else
        {
            RouteGetTextWriter.Write(output, answer.Explanation, words, options.Verbose);
        }

        return answer.Explanation.Outcome.Found ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static int WriteExplained(RouteGetOptions options, RouteExplainAnswer explained, CliOutput output)
    {
        var (decision, snapshot) = (explained.Decision, explained.Snapshot);
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
        var rules = snapshot.Rules.Count(r => r.Family == explained.Explanation.Family);
        var mechanism = $"snapshot {options.SnapshotPath}: in-process lookup ({rules} rules, {snapshot.Routes.Count} routes)";
        if (options.Json)
        {
            RouteGetJsonWriter.Write(output.Out, explained.Explanation, words, mechanism);
        }
        else
        {
            RouteGetTextWriter.Write(output, explained.Explanation, words, options.Verbose, mechanism);
        }

        return decision.Found ? ExitCodes.Success : ExitCodes.Failure;
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
}
