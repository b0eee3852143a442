using NetLens.Core.Sockets;
using NetLens.Linux.Proc;

namespace NetLens.Engines.Sockets;

/// <summary>The sockets that passed the filter, in the kernel's order, with their owners when they were asked for.</summary>
/// <param name="Sockets">In the order the kernel answered.</param>
/// <param name="Owners">Socket inode → the processes holding it; empty when owners were not asked for.</param>
/// <param name="Interrupted">A dump ended with NLM_F_DUMP_INTR: the kernel's table changed while it was read (ss says so too).</param>
public sealed record SocketListing(
    IReadOnlyList<SocketEntry> Sockets,
    IReadOnlyDictionary<uint, List<SocketOwner>> Owners,
    bool Interrupted)
{
    /// <summary>The namespace's tunnel devices with a UDP port (vxlan): their kernel sockets are named after them.</summary>
    public IReadOnlyList<NetLens.Core.Links.Link> Tunnels { get; init; } = [];

    /// <summary>The tunnel device holding this socket (a kernel socket no process owns); null for any other.</summary>
    public NetLens.Core.Links.Link? TunnelOf(SocketEntry socket) =>
        OwnersOf(socket) is { Count: > 0 } ? null : KernelTunnelSockets.HolderOf(socket, Tunnels);

    /// <summary>ss names no processes for netlink sockets: their port id does.</summary>
    public IReadOnlyList<SocketOwner>? OwnersOf(SocketEntry socket) =>
        socket.Kind == SocketKind.Netlink ? null : Owners.GetValueOrDefault(socket.Inode);
}
