namespace NetLens.Core.Routing.Origin;

/// <summary>Who most likely put a route there.</summary>
public enum RouteOriginKind
{
    Unknown,

    /// <summary>Connected route the kernel added for an interface address (proto kernel).</summary>
    Kernel,

    /// <summary>The local table: addresses, broadcast and anycast entries the kernel maintains.</summary>
    Local,
    Dhcp,
    RouterAdvertisement,

    /// <summary>Added by hand, a script or the distribution's network config (proto boot/static).</summary>
    Static,
    Redirect,
    Docker,
    Libvirt,
    Lxc,
    Vpn,
    KubernetesCni,
    RoutingDaemon,

    /// <summary>Out of a tunnel device that carries it over an underlay (vxlan): the route's packets travel inside UDP.</summary>
    Overlay,
}
