using System.Net.Sockets;
using System.Runtime.InteropServices;
using NetLens.Cli.Hosting;
using NetLens.Cli.Output.Routing.Diff;
using NetLens.Cli.Output.Routing.Watch;
using NetLens.Cli.Parsing;
using NetLens.Core;
using NetLens.Core.Links;
using NetLens.Core.Routing;
using NetLens.Core.Routing.Names;
using NetLens.Linux.Config;
using NetLens.Linux.Routing;

namespace NetLens.Cli.Commands.Routing;

/// <summary>`routes --watch`: one line per route, rule or address change, until SIGINT/SIGTERM (then exit 0).</summary>
public static class RoutesWatchHandler
{
    public static int Run(RoutesOptions options, CliOutput output)
    {
        using var stop = new CancellationTokenSource();
        void Cancel(PosixSignalContext context)
        {
            // an interrupt is how a watch is meant to end: finish cleanly instead of being killed
            context.Cancel = true;
            stop.Cancel();
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
        if (options.WatchCount is <= 0)
        {
            throw new UsageException("--count must be at least 1");
        }

        return Run(options, output, stop.Token, options.WatchCount);
    }

    /// <summary>The watch itself: stops when <paramref name="cancellation"/> is cancelled or after <paramref name="maxEvents"/> events; <paramref name="listening"/> runs once the kernel will report every later change.</summary>
    internal static int Run(RoutesOptions options, CliOutput output, CancellationToken cancellation, int? maxEvents = null, Action? listening = null)
    {
        var names = IpNamesFiles.OnDemand();
        var table = TableSelection.Parse(options.Table, names) ?? TableSelection.All;

        // subscribe before the dump, so nothing that changes in between is missed
        using var monitor = options.Netns is { } ns ? RouteMonitor.OpenInNamespace(ns, options.Family) : RouteMonitor.Open(options.Family);
        using var netlink = options.Netns is { } path ? RouteNetlink.OpenInNamespace(path) : RouteNetlink.Open();
        var state = new WatchState(netlink, names);
        listening?.Invoke();

        var writer = new WatchEventWriter(output.Out, options.Json);
        var written = 0;
        foreach (var change in monitor.Events(cancellation))
        {
            if (change.Route is { } route && !table.Includes(route.Table))
            {
                continue;
            }

            var words = state.Apply(change);
            writer.Write(DateTimeOffset.Now, change, words);
            if (++written == maxEvents)
            {
                break;
            }
        }

        return ExitCodes.Success;
    }

    /// <summary>The links and rules the words depend on (interface names, origins), kept up to date as events arrive.</summary>
    private sealed class WatchState
    {
        private readonly RouteNetlink _netlink;
        private readonly IpNames _names;
        private readonly Dictionary<int, Link> _links;
        private readonly List<PolicyRule> _rules;
        private ChangeWords _words;

        public WatchState(RouteNetlink netlink, IpNames names)
        {
            _netlink = netlink;
            _names = names;
            _links = netlink.DumpLinks().ToDictionary(l => l.Index);
            _rules = [.. netlink.DumpRules(AddressFamily.InterNetwork), .. netlink.DumpRules(AddressFamily.InterNetworkV6)];
            _words = Words();
        }

        public ChangeWords Apply(RouteMonitorEvent change)
        {
            var stale = false;
            if (change.Rule is { } rule)
            {
                // a rule's words do not need the new list, but later routes' origins (wg-quick tables) do
                stale = change.Action == RouteMonitorAction.Removed ? _rules.Remove(rule) : AddRule(rule);
            }

            foreach (var index in Interfaces(change))
            {
                // a link created after the watch began: learn its name once (deleted links keep theirs)
                if (!_links.ContainsKey(index) && _netlink.GetLink(index) is { } link)
                {
                    _links[index] = link;
                    stale = true;
                }
            }

            if (stale)
            {
                _words = Words();
            }

            return _words;
        }

        private bool AddRule(PolicyRule rule)
        {
            _rules.Add(rule);
            return true;
        }

        private ChangeWords Words() => new(_names, new InterfaceNames(_links.Values), _rules);

        private static IEnumerable<int> Interfaces(RouteMonitorEvent change)
        {
            if (change.Address is { } address)
            {
                yield return address.InterfaceIndex;
            }

            if (change.Route is { } route)
            {
                if (route.OutputInterface is { } oif)
                {
                    yield return oif;
                }

                foreach (var nexthop in route.Nexthops)
                {
                    if (nexthop.OutputInterface is { } dev)
                    {
                        yield return dev;
                    }
                }
            }
        }
    }
}
