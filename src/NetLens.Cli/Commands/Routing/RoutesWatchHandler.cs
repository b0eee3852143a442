using NetLens.Cli.Hosting;
using NetLens.Cli.Output.Routing.Diff;
using NetLens.Cli.Output.Routing.Watch;
using NetLens.Core;
using NetLens.Core.Routing;
using NetLens.Engines.Routing;
using NetLens.Linux.Config;
using NetLens.Linux.Namespaces;

namespace NetLens.Cli.Commands.Routing;

/// <summary>`routes --watch`: one line per route, rule or address change, until SIGINT/SIGTERM (then exit 0).</summary>
public static class RoutesWatchHandler
{
    public static int Run(RoutesOptions options, CliOutput output)
    {
        if (options.WatchCount is <= 0)
        {
            throw new UsageException("--count must be at least 1");
        }

        // an interrupt is how a watch is meant to end: it finishes cleanly (exit 0) instead of being cut
        return Run(options, output, output.Interruption.Token, options.WatchCount);
    }

    /// <summary>The watch itself: stops when <paramref name="cancellation"/> is cancelled or after <paramref name="maxEvents"/> events; <paramref name="listening"/> runs once the kernel will report every later change.</summary>
    internal static int Run(RoutesOptions options, CliOutput output, CancellationToken cancellation, int? maxEvents = null, Action? listening = null)
    {
        var names = IpNamesFiles.OnDemand();
        var table = TableSelection.Parse(options.Table, names) ?? TableSelection.All;
        var engine = new RoutesEngine(NetworkContext.For(options.Netns));
        var writer = new WatchEventWriter(output.Out, options.Json);
        ChangeWords? words = null;
        var written = 0;
        foreach (var watched in engine.Watch(options.Family, listening, cancellation))
        {
            if (words is null || watched.NamesChanged)
            {
                words = new ChangeWords(names, new InterfaceNames(watched.Links), watched.Rules);
            }

            if (watched.Change.Route is { } route && !table.Includes(route.Table))
            {
                continue;
            }

            writer.Write(DateTimeOffset.Now, watched.Change, words);
            if (++written == maxEvents)
            {
                break;
            }
        }

        return ExitCodes.Success;
    }
}
