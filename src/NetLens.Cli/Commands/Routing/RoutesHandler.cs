using System.Net.Sockets;
using System.Text.Json;
using NetLens.Cli.Hosting;
using NetLens.Cli.Output.Classic;
using NetLens.Cli.Output.Json;
using NetLens.Cli.Output.Routing;
using NetLens.Cli.Output.Tables;
using NetLens.Cli.Parsing;
using NetLens.Core;
using NetLens.Core.Routing;
using NetLens.Linux.Config;
using NetLens.Linux.Namespaces;
using NetLens.Linux.Proc;
using NetLens.Linux.Routing;

namespace NetLens.Cli.Commands.Routing;

/// <summary>Dumps rules, links and routes over rtnetlink, then renders them in the asked format.</summary>
public static class RoutesHandler
{
    public static int Run(RoutesOptions options, CliOutput output)
    {
        var modes = (options.Check ? 1 : 0) + (options.Watch ? 1 : 0) + (options.SavePath is null ? 0 : 1) + (options.DiffPath is null ? 0 : 1);
        if (modes > 1)
        {
            throw new UsageException("--check, --watch, --save and --diff exclude each other");
        }

        if (options.Check)
        {
            return RoutesCheckHandler.Run(options, output);
        }

        if (options.Watch)
        {
            return RoutesWatchHandler.Run(options, output);
        }

        if (options.SavePath is { } savePath)
        {
            return RoutesSnapshotHandler.Save(options, savePath, output);
        }

        if (options.DiffPath is { } diffPath)
        {
            return RoutesSnapshotHandler.Diff(options, diffPath, output);
        }

        using var netlink = options.Netns is { } ns ? RouteNetlink.OpenInNamespace(ns) : RouteNetlink.Open();
        var names = IpNamesFiles.OnDemand();
        var table = TableSelection.Parse(options.Table, names);

        if (options.Format == RoutesFormat.Route && !options.Json)
        {
            // route -n shows the main table only; -A inet6 shows what /proc/net/ipv6_route shows.
            if (options.Family == AddressFamily.InterNetworkV6)
            {
                // /proc/net follows the reading thread's namespace, so read it from inside.
                var entries = options.Netns is { } path
                    ? NetworkNamespace.Run(path, () => Ipv6RouteTableParser.ReadFile(ProcPaths.ThreadIpv6Route))
                    : Ipv6RouteTableParser.ReadFile();
                output.Out.Write(RouteNInet6Formatter.Format(entries));
            }
            else
            {
                var v4 = netlink.DumpRoutes(AddressFamily.InterNetwork);
                output.Out.Write(new RouteNFormatter(new InterfaceNames(netlink.DumpLinks())).Format(v4));
            }

            return ExitCodes.Success;
        }

        var links = netlink.DumpLinks();
        var interfaces = new InterfaceNames(links);
        if (options.Format == RoutesFormat.Ip && !options.Json)
        {
            // Like ip: IPv4 by default, but "table all" without -4/-6 lists every family.
            var selection = table ?? TableSelection.Main;
            var family = options.Family ?? (selection.IsAll ? AddressFamily.Unspecified : AddressFamily.InterNetwork);
            var listing = new IpRouteListingWriter(output.Out, new IpRouteQuery(family, selection.Id), new IpRouteFormatter(interfaces, names));
            var interrupted = false;
            foreach (var dumped in family == AddressFamily.Unspecified ? [AddressFamily.InterNetwork, AddressFamily.InterNetworkV6] : new[] { family })
            {
                interrupted |= netlink.DumpRoutes(dumped, listing.Add);
            }

            listing.Flush();
            if (interrupted)
            {
                output.Error.WriteLine("Dump was interrupted and may be inconsistent.");
            }

            return ExitCodes.Success;
        }

        var families = options.Family is { } only ? [only] : new[] { AddressFamily.InterNetwork, AddressFamily.InterNetworkV6 };
        var rules = new List<PolicyRule>();
        var routes = new List<Route>();
        foreach (var family in families)
        {
            rules.AddRange(netlink.DumpRules(family));
            foreach (var route in netlink.DumpRoutes(family))
            {
                if ((table ?? TableSelection.All).Includes(route.Table))
                {
                    routes.Add(route);
                }
            }
        }

        var words = new RouteWords(names, interfaces, rules);
        var ordered = RouteOrdering.ForReading(routes);
        if (options.Json)
        {
            var document = new RoutesDocument([.. ordered.Select(r => RouteJsonMapper.ToJson(r, words))]);
            output.Out.WriteLine(JsonSerializer.Serialize(document, NetLensJsonContext.Default.RoutesDocument));
        }
        else
        {
            RoutesTableWriter.Write(output, ordered, words);
        }

        return ExitCodes.Success;
    }
}
