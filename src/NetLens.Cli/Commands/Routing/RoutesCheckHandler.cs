using NetLens.Cli.Hosting;
using NetLens.Cli.Output.Routing;
using NetLens.Cli.Output.Routing.Checks;
using NetLens.Core.Routing;
using NetLens.Engines.Routing;
using NetLens.Linux.Config;
using NetLens.Linux.Namespaces;

namespace NetLens.Cli.Commands.Routing;

/// <summary>
/// `netlens routes --check`: reads one snapshot (links, addresses, rules, routes), runs the analyzers, prints the findings.
/// Exit 1 when anything was found (the answer to "is routing clean?" is no), 0 when clean.
/// </summary>
public static class RoutesCheckHandler
{
    public static async Task<int> RunAsync(RoutesOptions options, CliOutput output)
    {
        var names = IpNamesFiles.OnDemand();
        var table = TableSelection.Parse(options.Table, names);
        var engine = new RoutesEngine(NetworkContext.For(options.Netns));
        var report = await engine.CheckAsync(options.Family, table, names, output.Interruption.Token).ConfigureAwait(false);
        var words = new RouteWords(names, report.Snapshot.InterfaceNames, report.Snapshot.Rules);
        if (options.Json)
        {
            RoutesCheckJsonWriter.Write(output.Out, report.Findings, words);
        }
        else
        {
            RoutesCheckTextWriter.Write(output.Out, report.Findings, words);
        }

        return report.Findings.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }
}
