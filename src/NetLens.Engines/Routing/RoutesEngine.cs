using System.Net.Sockets;
using NetLens.Core.Links;
using NetLens.Core.Routing;
using NetLens.Core.Routing.Checks;
using NetLens.Core.Routing.Names;
using NetLens.Linux.Namespaces;
using NetLens.Linux.Proc;
using NetLens.Linux.Routing;

namespace NetLens.Engines.Routing;

/// <summary>
/// `routes`: the kernel's tables over rtnetlink (listed, streamed as ip streams them, or read whole as one snapshot),
/// the checks over that snapshot, and the changes as the kernel announces them. Everything runs in the command's
/// namespace.
/// </summary>
public sealed class RoutesEngine(NetworkContext context)
{
    /// <summary>Rules and routes of the families (routes of the selected tables only) with the links that name them.</summary>
    public Task<RoutesListing> ListAsync(IReadOnlyList<AddressFamily> families, TableSelection tables, CancellationToken cancellation)
    {
        using var netlink = context.Run(RouteNetlink.Open);
        var rules = new List<PolicyRule>();
        var routes = new List<Route>();
        foreach (var family in families)
        {
            cancellation.ThrowIfCancellationRequested();
            rules.AddRange(netlink.DumpRules(family));
            routes.AddRange(netlink.DumpRoutes(family).Where(r => tables.Includes(r.Table)));
        }

        return Task.FromResult(new RoutesListing(netlink.DumpLinks(), rules, routes));
    }

    /// <summary>
    /// Hands each route to <paramref name="routes"/> as the kernel answers (a table of a million routes is never held);
    /// <paramref name="links"/> gets the links first, for the names. True when a dump was interrupted.
    /// </summary>
    public Task<bool> StreamAsync(IReadOnlyList<AddressFamily> families, Action<IReadOnlyList<Link>> links, Action<Route> routes, CancellationToken cancellation)
    {
        using var netlink = context.Run(RouteNetlink.Open);
        links(netlink.DumpLinks());
        var interrupted = false;
        foreach (var family in families)
        {
            cancellation.ThrowIfCancellationRequested();
            interrupted |= netlink.DumpRoutes(family, routes);
        }

        return Task.FromResult(interrupted);
    }

    /// <summary>IPv4 routes of every table and the links (what `route -n` filters and names).</summary>
    public Task<RoutesListing> Ipv4RoutesAsync(CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        using var netlink = context.Run(RouteNetlink.Open);
        return Task.FromResult(new RoutesListing(netlink.DumpLinks(), [], netlink.DumpRoutes(AddressFamily.InterNetwork)));
    }

    /// <summary>/proc/net/ipv6_route, as `route -A inet6` shows it; /proc/net follows the reading thread's namespace, so it is read from inside.</summary>
    public Task<IReadOnlyList<Ipv6RouteEntry>> ProcIpv6RoutesAsync(CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        return Task.FromResult(context.Run(() => Ipv6RouteTableParser.ReadFile(ProcPaths.ThreadIpv6Route)));
    }

    /// <summary>Links, addresses, rules and routes read at one moment (what --save writes, --diff compares and --check reads).</summary>
    public Task<RoutingSnapshot> SnapshotAsync(CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        using var netlink = context.Run(RouteNetlink.Open);
        return Task.FromResult(RoutingSnapshotReader.Read(netlink));
    }

    /// <summary>The checks' findings over the snapshot of one family (or both), narrowed to a table when one is selected.</summary>
    public async Task<RoutesCheckReport> CheckAsync(AddressFamily? family, TableSelection? tables, IpNames names, CancellationToken cancellation)
    {
        var snapshot = RoutingSnapshots.Narrow(await SnapshotAsync(cancellation).ConfigureAwait(false), family, null);
        IReadOnlyList<RoutingFinding> findings = RoutingChecker.Check(snapshot, names);
        if (tables?.Id is { } id)
        {
            findings = RoutingChecker.InTable(findings, id);
        }

        return new RoutesCheckReport(snapshot, findings);
    }

    /// <summary>
    /// Route, rule and address changes as the kernel announces them, each with the links and rules known at that
    /// moment, until <paramref name="cancellation"/> ends the watch. <paramref name="listening"/> runs once the kernel
    /// will report every later change (the subscription comes before the dump, so nothing in between is missed).
    /// </summary>
    /// <remarks>A plain enumerable: the monitor waits on its socket (with the cancellation in hand) on the caller's thread.</remarks>
    public IEnumerable<RouteWatchEvent> Watch(AddressFamily? family, Action? listening, CancellationToken cancellation)
    {
        using var monitor = context.Run(() => RouteMonitor.Open(family));
        using var netlink = context.Run(RouteNetlink.Open);
        var state = new RouteWatchState(netlink);
        listening?.Invoke();
        foreach (var change in monitor.Events(cancellation))
        {
            yield return state.Apply(change);
        }
    }
}
