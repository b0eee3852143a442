using System.Net.Sockets;
using NetLens.Core.Routing;
using NetLens.Linux.Namespaces;
using NetLens.Linux.Netlink;

namespace NetLens.Linux.Routing;

/// <summary>
/// Listens to the kernel's routing notifications (rtnetlink multicast groups for routes, rules and addresses),
/// as `ip monitor` does. Joined on open: every change after <see cref="Open"/> returns is seen.
/// </summary>
public sealed class RouteMonitor : IDisposable
{
    // enum rtnetlink_groups (linux/rtnetlink.h)
    private const int RTNLGRP_IPV4_IFADDR = 5;
    private const int RTNLGRP_IPV4_ROUTE = 7;
    private const int RTNLGRP_IPV4_RULE = 8;
    private const int RTNLGRP_IPV6_IFADDR = 9;
    private const int RTNLGRP_IPV6_ROUTE = 11;
    private const int RTNLGRP_IPV6_RULE = 19;
    private const int ENOBUFS = 105;

    // how often a blocked listener looks at its cancellation token
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private readonly NetlinkSocket _socket;

    private RouteMonitor(NetlinkSocket socket) => _socket = socket;

    /// <summary>Listens in the current namespace; <paramref name="family"/> null means both IPv4 and IPv6.</summary>
    public static RouteMonitor Open(AddressFamily? family = null)
    {
        var socket = NetlinkSocket.Open(NetlinkConstants.NETLINK_ROUTE);
        try
        {
            foreach (var group in Groups(family))
            {
                socket.AddMembership(group);
            }

            socket.SetReceiveTimeout(PollInterval);
            return new RouteMonitor(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Listens in the namespace "NAME" or at a path such as /proc/PID/ns/net (the socket stays bound to it).</summary>
    public static RouteMonitor OpenInNamespace(string nameOrPath, AddressFamily? family = null) =>
        NetworkContext.For(nameOrPath).Run(() => Open(family));

    /// <summary>The changes as they come, in the kernel's order, until <paramref name="cancellation"/> is cancelled.</summary>
    public IEnumerable<RouteMonitorEvent> Events(CancellationToken cancellation)
    {
        var batch = new List<RouteMonitorEvent>();
        while (!cancellation.IsCancellationRequested)
        {
            batch.Clear();
            ReceiveInto(batch);
            foreach (var change in batch)
            {
                yield return change;
            }
        }
    }

    public void Dispose() => _socket.Dispose();

    private void ReceiveInto(List<RouteMonitorEvent> batch)
    {
        try
        {
            if (!_socket.TryReceive(out var datagram))
            {
                return;
            }

            foreach (var message in new NetlinkMessageReader(datagram))
            {
                if (RouteMonitorMessage.Decode(message) is { } change)
                {
                    batch.Add(change);
                }
            }
        }
        catch (NetlinkException e) when (e.Errno == ENOBUFS)
        {
            batch.Add(new RouteMonitorEvent(RouteMonitorAction.Overrun));
        }
    }

    private static IEnumerable<int> Groups(AddressFamily? family)
    {
        if (family is null or AddressFamily.InterNetwork)
        {
            yield return RTNLGRP_IPV4_ROUTE;
            yield return RTNLGRP_IPV4_RULE;
            yield return RTNLGRP_IPV4_IFADDR;
        }

        if (family is null or AddressFamily.InterNetworkV6)
        {
            yield return RTNLGRP_IPV6_ROUTE;
            yield return RTNLGRP_IPV6_RULE;
            yield return RTNLGRP_IPV6_IFADDR;
        }
    }
}
