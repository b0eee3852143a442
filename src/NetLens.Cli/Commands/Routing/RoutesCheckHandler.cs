using NetLens.Cli.Hosting;
using NetLens.Cli.Output.Routing;
using NetLens.Cli.Output.Routing.Checks;
using NetLens.Cli.Parsing;
using NetLens.Core.Routing;
using NetLens.Core.Routing.Checks;
using NetLens.Linux.Config;
using NetLens.Linux.Routing;

namespace NetLens.Cli.Commands.Routing;

/// <summary>
/// `netlens routes --check`: reads one snapshot (links, addresses, rules, routes), runs the analyzers, prints the findings.
/// Exit 1 when anything was found (the answer to "is routing clean?" is no), 0 when clean.
/// </summary>
public static class RoutesCheckHandler
{
    public static int Run(RoutesOptions options, CliOutput output)
    {
        var names = IpNamesFiles.OnDemand();
        var table = TableSelection.Parse(options.Table, names);
        using var netlink = options.Netns is { } ns ? RouteNetlink.OpenInNamespace(ns) : RouteNetlink.Open();
        var snapshot = OfFamily(RoutingSnapshotReader.Read(netlink), options.Family);

        IReadOnlyList<RoutingFinding> findings = RoutingChecker.Check(snapshot, names);
        if (table?.Id is { } id)
        {
            findings = RoutingChecker.InTable(findings, id);
        }

        var words = new RouteWords(names, snapshot.InterfaceNames, snapshot.Rules);
        if (options.Json)
        {
            RoutesCheckJsonWriter.Write(output.Out, findings, words);
        }
        else
        {
            RoutesCheckTextWriter.Write(output.Out, findings, words);
        }

        return findings.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    // -4/-6: check one family only; links stay (they have no family).
    private static RoutingSnapshot OfFamily(RoutingSnapshot snapshot, System.Net.Sockets.AddressFamily? family) => family is not { } only
        ? snapshot
        : new RoutingSnapshot(
            snapshot.Links,
            [.. snapshot.Addresses.Where(a => a.Family == only)],
            [.. snapshot.Rules.Where(r => r.Family == only)],
            [.. snapshot.Routes.Where(r => r.Family == only)]);
}
