using System.Net;
using NetLens.Core.Firewall.Evaluation;
using NetLens.Core.Routing;
using NetLens.Linux.Routing;

namespace NetLens.Linux.Firewall;

/// <summary>Asks the kernel's routing (RTM_GETROUTE, as ip route get) whether an address is this host's, and which device leads to it.</summary>
public sealed class LinuxHostFacts(string? netns) : IHostFacts, IDisposable
{
    private RouteNetlink? _netlink;

    public bool IsLocal(IPAddress address) => Lookup(address)?.Type == RouteType.Local;

    public string? OutputDevice(IPAddress destination)
    {
        var route = Lookup(destination);
        return route?.OutputInterface is { } index ? Netlink.GetLink(index)?.Name : null;
    }

    public void Dispose() => _netlink?.Dispose();

    private RouteNetlink Netlink => _netlink ??= netns is null ? RouteNetlink.Open() : RouteNetlink.OpenInNamespace(netns);

    private Route? Lookup(IPAddress address) => Netlink.Lookup(new RouteLookupRequest { Destination = address }).Route;
}
