using System.Net.Sockets;
using NetLens.Core.Links;
using NetLens.Core.Routing;
using NetLens.Linux.Routing;

namespace NetLens.Engines.Routing;

/// <summary>The links and rules a watch's words depend on (interface names, origins), kept up to date as events arrive.</summary>
internal sealed class RouteWatchState
{
    private readonly RouteNetlink _netlink;
    private readonly Dictionary<int, Link> _links;
    private readonly List<PolicyRule> _rules;

    public RouteWatchState(RouteNetlink netlink)
    {
        _netlink = netlink;
        _links = netlink.DumpLinks().ToDictionary(l => l.Index);
        _rules = [.. netlink.DumpRules(AddressFamily.InterNetwork), .. netlink.DumpRules(AddressFamily.InterNetworkV6)];
    }

    public RouteWatchEvent Apply(RouteMonitorEvent change)
    {
        var changed = false;
        if (change.Rule is { } rule)
        {
            // a rule's words do not need the new list, but later routes' origins (wg-quick tables) do
            if (change.Action == RouteMonitorAction.Removed)
            {
                changed = _rules.Remove(rule);
            }
            else
            {
                _rules.Add(rule);
                changed = true;
            }
        }

        foreach (var index in Interfaces(change))
        {
            // a link created after the watch began: learn its name once (deleted links keep theirs)
            if (!_links.ContainsKey(index) && _netlink.GetLink(index) is { } link)
            {
                _links[index] = link;
                changed = true;
            }
        }

        return new RouteWatchEvent(change, _links.Values, _rules, changed);
    }

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
