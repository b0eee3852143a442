using System.Globalization;
using System.Net.Sockets;
using NetLens.Core.Links;
using NetLens.Core.Sockets;
using NetLens.Linux.Proc;

namespace NetLens.Cli.Output.Sockets;

/// <summary>Turns sockets, summaries and findings into the --json documents.</summary>
public static class SocketJsonMapper
{
    public static SocketJson ToJson(SocketEntry socket, IReadOnlyList<SocketOwner>? owners, string? device, Link? tunnel = null)
    {
        var unix = SocketWords.IsUnix(socket.Kind);
        return new SocketJson
        {
            Netid = SocketWords.Netid(socket.Kind),
            State = SocketWords.State(socket.State),
            RecvQ = socket.RecvQ,
            SendQ = socket.SendQ,
            Local = Local(socket, device),
            Peer = Peer(socket),
            Inode = socket.Inode,
            Uid = socket.Uid,
            Cookie = socket.Family == AddressFamily.Unix ? null : socket.Cookie.ToString("x", CultureInfo.InvariantCulture),
            Users = owners is { Count: > 0 } ? [.. owners.Select(o => new OwnerJson(o.Name, o.Pid, o.Fd))] : null,
            KernelTunnel = tunnel?.Tunnel is { } t ? new KernelTunnelJson(tunnel.Name, t.Kind, t.Id, t.Remote?.ToString(), t.Port) : null,
            Timer = socket.Timer == 0 ? null : new TimerJson(SocketWords.Timer(socket.Timer), socket.TimerExpiresMs, socket.TimerRetransmits),
            Congestion = socket.Congestion,
            TcpInfo = socket.TcpInfo is { } i
                ? new TcpInfoJson(
                    i.RttUs / 1000.0,
                    i.RttVarUs / 1000.0,
                    i.RtoUs / 1000.0,
                    i.SendCwnd,
                    i.SendSsthresh < 0xFFFF ? i.SendSsthresh : null,
                    i.SendMss,
                    i.Pmtu,
                    i.Retrans,
                    i.TotalRetrans,
                    i.Lost,
                    i.Unacked,
                    i.BytesSent,
                    i.BytesRetrans,
                    i.BytesAcked,
                    i.BytesReceived,
                    i.SegsOut,
                    i.SegsIn,
                    i.MinRttUs is > 0 and < uint.MaxValue ? i.MinRttUs / 1000.0 : null,
                    i.DeliveryRate > 0 ? i.DeliveryRate * 8 : null)
                : null,
            Memory = socket.Memory is { } m
                ? new MemoryJson(m.RmemAlloc, m.RcvBuf, m.WmemAlloc, m.SndBuf, m.FwdAlloc, m.WmemQueued, m.OptMem, m.Backlog, m.Drops)
                : null,
        };
    }

    private static EndpointJson Local(SocketEntry socket, string? device) => socket.Kind switch
    {
        _ when SocketWords.IsUnix(socket.Kind) => new EndpointJson(null, null, null, socket.UnixPath, socket.Inode),
        _ when SocketWords.IsPacket(socket.Kind) => new EndpointJson(null, null, device, null, null)
        {
            Protocol = socket.Protocol == 3 ? "all" : LinkProtocolNames.EtherType(socket.Protocol, numeric: false),
            ProtocolNumber = socket.Protocol,
        },
        SocketKind.Netlink => new EndpointJson(null, null, null, null, null)
        {
            Protocol = LinkProtocolNames.Netlink(socket.Protocol, numeric: false),
            ProtocolNumber = socket.Protocol,
            PortId = socket.NetlinkPortId,
        },
        _ => new EndpointJson(socket.LocalAddress.ToString(), socket.LocalPort, device, null, null),
    };

    private static EndpointJson Peer(SocketEntry socket) => socket.Kind switch
    {
        _ when SocketWords.IsUnix(socket.Kind) => new EndpointJson(null, null, null, null, socket.UnixPeerInode),
        SocketKind.Netlink when socket.NetlinkPeer is { } peer => new EndpointJson(null, null, null, null, null) { PortId = peer.PortId, Group = peer.Group },
        _ when !SocketWords.IsInet(socket.Kind) => new EndpointJson(null, null, null, null, null),
        _ => new EndpointJson(socket.PeerAddress.ToString(), socket.PeerPort, null, null, null),
    };

    public static SummaryJson ToJson(SocketSummary s) => new()
    {
        Total = s.Total,
        Tcp = new TcpSummaryJson(s.TcpTotal, s.Established, s.Closed, s.Orphaned, s.SynRecv, s.TimeWait, s.TimeWaitCounter, s.Ports),
        Transport = [.. s.Transport.Select(t => new TransportJson(t.Name, t.Total, t.Ipv4, t.Ipv6))],
    };

    public static IReadOnlyList<SocketFindingJson> ToJson(IReadOnlyList<SocketFinding> findings) =>
        [.. findings.Select(f => new SocketFindingJson(Kind(f.Kind), f.Message))];

    private static string Kind(SocketFindingKind kind) => kind switch
    {
        SocketFindingKind.EphemeralPortExhaustion => "ephemeral_port_exhaustion",
        SocketFindingKind.TimeWaitPile => "time_wait_pile",
        SocketFindingKind.ListenOverflow => "listen_overflow",
        SocketFindingKind.ListenQueueFull => "listen_queue_full",
        SocketFindingKind.Orphans => "orphans",
        _ => "exposed_local_service",
    };
}
