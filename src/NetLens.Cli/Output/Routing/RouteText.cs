using NetLens.Core.Routing;
using NetLens.Core.Routing.Origin;

namespace NetLens.Cli.Output.Routing;

/// <summary>Small pieces of route text shared by the table, the JSON and the explanations.</summary>
public static class RouteText
{
    /// <summary>"default", "198.18.0.0/24", or a host address without /32 (as ip writes them).</summary>
    public static string Destination(Route route)
    {
        if (route.Destination.IsDefault && route.Source is null)
        {
            return "default";
        }

        return route.Destination.IsHost ? route.Destination.Address.ToString() : route.Destination.ToString();
    }

    public static IReadOnlyList<string> FlagWords(RouteFlags flags)
    {
        var words = new List<string>();
        foreach (var (flag, word) in Words)
        {
            if ((flags & flag) != 0)
            {
                words.Add(word);
            }
        }

        return words;
    }

    /// <summary>The stable JSON word for an origin kind.</summary>
    public static string OriginKind(RouteOriginKind kind) => kind switch
    {
        RouteOriginKind.Kernel => "kernel",
        RouteOriginKind.Local => "local",
        RouteOriginKind.Dhcp => "dhcp",
        RouteOriginKind.RouterAdvertisement => "ra",
        RouteOriginKind.Static => "static",
        RouteOriginKind.Redirect => "redirect",
        RouteOriginKind.Docker => "docker",
        RouteOriginKind.Libvirt => "libvirt",
        RouteOriginKind.Lxc => "lxc",
        RouteOriginKind.Vpn => "vpn",
        RouteOriginKind.KubernetesCni => "kubernetes",
        RouteOriginKind.Overlay => "overlay",
        RouteOriginKind.RoutingDaemon => "routing-daemon",
        _ => "unknown",
    };

    private static readonly (RouteFlags Flag, string Word)[] Words =
    [
        (RouteFlags.Dead, "dead"),
        (RouteFlags.OnLink, "onlink"),
        (RouteFlags.Pervasive, "pervasive"),
        (RouteFlags.Offload, "offload"),
        (RouteFlags.Trap, "trap"),
        (RouteFlags.LinkDown, "linkdown"),
        (RouteFlags.Unresolved, "unresolved"),
        (RouteFlags.Notify, "notify"),
        (RouteFlags.Cloned, "cloned"),
    ];
}
