using System.Net.Sockets;
using NetLens.Core;
using NetLens.Core.Sockets;
using NetLens.Linux.Netlink;

namespace NetLens.Linux.SockDiag;

/// <summary>
/// A NETLINK_SOCK_DIAG socket in the destroy groups (SKNLGRP_INET[6]_{TCP,UDP}_DESTROY): the kernel sends it an
/// inet_diag_msg for every TCP or UDP socket of the namespace as it is freed — what ss -E prints.
/// </summary>
public sealed class SocketDestroyEvents : IDisposable
{
    private const int NotPermitted = 1;
    private const int AccessDenied = 13;
    private const int NoBuffers = 105;

    // how often a blocked listener looks at its cancellation token
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private readonly NetlinkSocket _socket;

    private SocketDestroyEvents(NetlinkSocket socket) => _socket = socket;

    /// <summary>Joins the groups of the kinds (TCP, UDP) and families asked for; joining needs CAP_NET_ADMIN, as in ss.</summary>
    public static SocketDestroyEvents Open(bool tcp, bool udp, AddressFamily? family)
    {
        var socket = NetlinkSocket.Open(NetlinkConstants.NETLINK_SOCK_DIAG);
        try
        {
            foreach (var group in Groups(tcp, udp, family))
            {
                try
                {
                    socket.AddMembership(group);
                }
                catch (NetlinkException e) when (e.Errno is NotPermitted or AccessDenied)
                {
                    throw new MissingPrivilegeException(
                        "listening to socket-destroy events needs CAP_NET_ADMIN (the kernel refused the sock_diag multicast group)",
                        "run it with sudo");
                }
            }

            socket.SetReceiveTimeout(PollInterval);
            return new SocketDestroyEvents(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The group numbers for the kinds and families (linux/sock_diag.h).</summary>
    internal static IEnumerable<int> Groups(bool tcp, bool udp, AddressFamily? family)
    {
        var v4 = family is null or AddressFamily.InterNetwork;
        var v6 = family is null or AddressFamily.InterNetworkV6;
        if (tcp && v4)
        {
            yield return SockDiagConstants.SKNLGRP_INET_TCP_DESTROY;
        }

        if (udp && v4)
        {
            yield return SockDiagConstants.SKNLGRP_INET_UDP_DESTROY;
        }

        if (tcp && v6)
        {
            yield return SockDiagConstants.SKNLGRP_INET6_TCP_DESTROY;
        }

        if (udp && v6)
        {
            yield return SockDiagConstants.SKNLGRP_INET6_UDP_DESTROY;
        }
    }

    /// <summary>
    /// Each destroyed socket as it is reported, until <paramref name="cancellation"/>; a null entry means the kernel
    /// dropped notifications (the receive buffer overran) and some sockets went unreported.
    /// </summary>
    public IEnumerable<SocketEntry?> Events(CancellationToken cancellation)
    {
        var batch = new List<SocketEntry?>();
        while (!cancellation.IsCancellationRequested)
        {
            batch.Clear();
            ReceiveInto(batch);
            foreach (var entry in batch)
            {
                yield return entry;
            }
        }
    }

    private void ReceiveInto(List<SocketEntry?> batch)
    {
        try
        {
            if (!_socket.TryReceive(out var datagram))
            {
                return;
            }

            foreach (var message in new NetlinkMessageReader(datagram))
            {
                if (message.Type == SockDiagConstants.SOCK_DIAG_BY_FAMILY && InetDiagMessage.DecodeDestroyed(message) is { } entry)
                {
                    batch.Add(entry);
                }
            }
        }
        catch (NetlinkException e) when (e.Errno == NoBuffers)
        {
            batch.Add(null);
        }
    }

    public void Dispose() => _socket.Dispose();
}
