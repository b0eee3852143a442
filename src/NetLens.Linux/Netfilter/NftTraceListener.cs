using NetLens.Linux.Namespaces;
using NetLens.Linux.Netlink;

namespace NetLens.Linux.Netfilter;

/// <summary>
/// The transport for nftables traces: a NETLINK_NETFILTER socket, opened inside the namespace whose packets are
/// traced (the kernel only sends a namespace's traces to listeners of that namespace), joined to NFNLGRP_NFTRACE.
/// Joining needs CAP_NET_ADMIN.
/// </summary>
public sealed class NftTraceListener : IDisposable
{
    // linux/netlink.h, linux/netfilter/nfnetlink.h
    private const int NETLINK_NETFILTER = 12;
    private const int NFNLGRP_NFTRACE = 9;
    private const int ENOBUFS = 105;

    /// <summary>Queued events are already in the socket when the probe returns; this only bounds the last, empty read.</summary>
    private static readonly TimeSpan DrainWait = TimeSpan.FromMilliseconds(50);

    private readonly NetlinkSocket _socket;

    private NftTraceListener(NetlinkSocket socket) => _socket = socket;

    /// <summary>Listens in <paramref name="context"/>; throws <see cref="NetlinkException"/> (EPERM without the privilege).</summary>
    public static NftTraceListener Open(NetworkContext context) => context.Run(() =>
    {
        var socket = NetlinkSocket.Open(NETLINK_NETFILTER);
        try
        {
            socket.AddMembership(NFNLGRP_NFTRACE);
            socket.SetReceiveTimeout(DrainWait);
            return new NftTraceListener(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    });

    /// <summary>Every event queued so far; the bool says some were lost to a full buffer (ENOBUFS).</summary>
    public (List<NftTraceEvent> Events, bool Overrun) Drain()
    {
        var events = new List<NftTraceEvent>();
        var overrun = false;
        while (true)
        {
            try
            {
                if (!_socket.TryReceive(out var datagram))
                {
                    return (events, overrun);
                }

                events.AddRange(NftTraceDecoder.DecodeAll(datagram));
            }
            catch (NetlinkException e) when (e.Errno == ENOBUFS)
            {
                overrun = true;
            }
        }
    }

    public void Dispose() => _socket.Dispose();
}
