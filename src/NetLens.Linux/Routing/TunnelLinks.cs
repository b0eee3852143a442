using NetLens.Core.Links;
using NetLens.Linux.Namespaces;

namespace NetLens.Linux.Routing;

/// <summary>The namespace's tunnel devices that own a UDP port (vxlan), read over rtnetlink.</summary>
public static class TunnelLinks
{
    public static IReadOnlyList<Link> Read(NetworkContext context)
    {
        using var netlink = context.Run(RouteNetlink.Open);
        return [.. netlink.DumpLinks().Where(l => l.Tunnel?.Port is not null)];
    }
}
