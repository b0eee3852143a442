using System.Net.Sockets;
using NetLens.Cli.Hosting;
using NetLens.Cli.Output.Classic;
using NetLens.Cli.Output.Json;
using NetLens.Cli.Output.Routing;
using NetLens.Cli.Output.Tables;
using NetLens.Core;
using NetLens.Core.Routing;
using NetLens.Engines.Routing;
using NetLens.Linux.Config;
using NetLens.Linux.Namespaces;

namespace NetLens.Cli.Commands.Routing;

/// <summary>Dumps rules, links and routes over rtnetlink, then renders them in the asked format.</summary>
public static class RoutesHandler
{
    public static async Task<int> RunAsync(RoutesOptions options, CliOutput output)
    {
        var modes = (options.Check ? 1 : 0) + (options.Watch ? 1 : 0) + (options.SavePath is null ? 0 : 1) + (options.DiffPath is null ? 0 : 1);
        if (modes > 1)
        {
            throw new UsageException("--check, --watch, --save and --diff exclude each other");
        }

        if (options.Check)
        {
            return await RoutesCheckHandler.RunAsync(options, output).ConfigureAwait(false);
        }

        if (options.Watch)
        {
            return RoutesWatchHandler.Run(options, output);
        }

        if (options.SavePath is { } savePath)
        {
            return await RoutesSnapshotHandler.SaveAsync(options, savePath, output).ConfigureAwait(false);
        }

        if (options.DiffPath is { } diffPath)
        {
            return await RoutesSnapshotHandler.DiffAsync(options, diffPath, output).ConfigureAwait(false);
        }

        var engine = new RoutesEngine(NetworkContext.For(options.Netns));
        var cancellation = output.Interruption.Token;
        var names = IpNamesFiles.OnDemand();
        var table = TableSelection.Parse(options.Table, names);

        if (options.Format == RoutesFormat.Route && !options.Json)
        {
            // route -n shows the main table only; -A inet6 shows what /proc/net/ipv6_route shows.
            if (options.Family == AddressFamily.InterNetworkV6)
            {
                output.Out.Write(RouteNInet6Formatter.Format(await engine.ProcIpv6RoutesAsync(cancellation).ConfigureAwait(false)));
            }
            else
            {
                var v4 = await engine.Ipv4RoutesAsync(cancellation).ConfigureAwait(false);
                output.Out.Write(new RouteNFormatter(new InterfaceNames(v4.Links)).Format(v4.Routes));
            }

            return ExitCodes.Success;
        }

        if (options.Format == RoutesFormat.Ip && !options.Json)
        {
            // Like ip: IPv4 by default, but "table all" without -4/-6 lists every family.
            var selection = table ?? TableSelection.Main;
            var family = options.Family ?? (selection.IsAll ? AddressFamily.Unspecified : AddressFamily.InterNetwork);
            IpRouteListingWriter? listing = null;
            var interrupted = await engine.StreamAsync(
                family == AddressFamily.Unspecified ? [AddressFamily.InterNetwork, AddressFamily.InterNetworkV6] : [family],
                links => listing = new IpRouteListingWriter(output.Out, new IpRouteQuery(family, selection.Id), new IpRouteFormatter(new InterfaceNames(links), names)),
                route => listing!.Add(route),
                cancellation).ConfigureAwait(false);
            listing?.Flush();
            if (interrupted)
            {
                output.Error.WriteLine("Dump was interrupted and may be inconsistent.");
            }

            return ExitCodes.Success;
        }

        var families = options.Family is { } only ? [only] : new[] { AddressFamily.InterNetwork, AddressFamily.InterNetworkV6 };
        var listed = await engine.ListAsync(families, table ?? TableSelection.All, cancellation).ConfigureAwait(false);
        var words = new RouteWords(names, new InterfaceNames(listed.Links), listed.Rules);
        var ordered = RouteOrdering.ForReading(listed.Routes);
        if (options.Json)
        {
            var document = new RoutesDocument([.. ordered.Select(r => RouteJsonMapper.ToJson(r, words))]);
            JsonOutput.Write(output.Out, document);
        }
        else
        {
            RoutesTableWriter.Write(output, ordered, words, options.Wide);
        }

        return ExitCodes.Success;
    }
}
