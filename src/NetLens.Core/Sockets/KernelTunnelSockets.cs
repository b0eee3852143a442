using NetLens.Core.Links;

namespace NetLens.Core.Sockets;

/// <summary>
/// A vxlan device's UDP socket belongs to the kernel, not to a process, so no /proc/PID/fd names it. The kernel binds it
/// to the device's destination port without SO_REUSEPORT: in that namespace, the UDP socket on that port is the tunnel's.
/// </summary>
public static class KernelTunnelSockets
{
    /// <summary>The tunnel device whose kernel socket <paramref name="socket"/> is; null when it is none.</summary>
    public static Link? HolderOf(SocketEntry socket, IReadOnlyList<Link> tunnels) =>
        socket.Kind != SocketKind.Udp ? null : tunnels.FirstOrDefault(l => l.Tunnel?.Port == socket.LocalPort);

    /// <summary>"vxlan42 (vxlan 42 via 198.18.2.2:8472)".</summary>
    public static string Describe(Link link) => $"{link.Name} ({link.Tunnel!.Describe()})";
}
