using System.Net.Sockets;
using NetLens.Core;
using NetLens.Core.Sockets;
using NetLens.Linux.Namespaces;
using NetLens.Linux.Netlink;

namespace NetLens.Linux.SockDiag;

/// <summary>One NETLINK_SOCK_DIAG socket: dumps TCP, UDP, raw and unix sockets of its network namespace, streamed.</summary>
public sealed class SockDiagNetlink : IDisposable
{
    private static readonly MessageDecoder<SocketEntry> TcpDecoder = (in NetlinkMessage m) => InetDiagMessage.Decode(m, SocketKind.Tcp);
    private static readonly MessageDecoder<SocketEntry> UdpDecoder = (in NetlinkMessage m) => InetDiagMessage.Decode(m, SocketKind.Udp);
    private static readonly MessageDecoder<SocketEntry> RawDecoder = (in NetlinkMessage m) => InetDiagMessage.Decode(m, SocketKind.Raw);
    private static readonly MessageDecoder<SocketEntry> UnixDecoder = UnixDiagMessage.Decode;
    private static readonly MessageDecoder<SocketEntry> PacketDecoder = PacketDiagMessage.Decode;
    private static readonly MessageDecoder<SocketEntry> NetlinkDecoder = NetlinkDiagMessage.Decode;

    private const int NoDiagHandler = 2;
    private const int InvalidArgument = 22;
    private const int NotSupported = 95;
    private const int NotPermitted = 1;
    private const int AccessDenied = 13;
    private const int StaleCookie = 116;

    private readonly NetlinkSocket _socket;

    private SockDiagNetlink(NetlinkSocket socket) => _socket = socket;

    /// <summary>A socket in the current network namespace.</summary>
    public static SockDiagNetlink Open() => new(NetlinkSocket.Open(NetlinkConstants.NETLINK_SOCK_DIAG));

    /// <summary>A socket bound to the namespace "NAME" or a path such as /proc/PID/ns/net; dumps then answer about that namespace.</summary>
    public static SockDiagNetlink OpenInNamespace(string nameOrPath) => NetworkContext.For(nameOrPath).Run(Open);

    /// <summary>Streams every TCP, UDP or raw socket of one family in <paramref name="states"/> to <paramref name="sink"/>; true when the kernel flagged the dump as interrupted.</summary>
    public bool DumpInet(SocketKind kind, AddressFamily family, SocketStateSet states, SocketDetails details, Action<SocketEntry> sink)
    {
        var (protocol, decoder) = kind switch
        {
            SocketKind.Tcp => (SockDiagConstants.IPPROTO_TCP, TcpDecoder),
            SocketKind.Udp => (SockDiagConstants.IPPROTO_UDP, UdpDecoder),
            SocketKind.Raw => (SockDiagConstants.IPPROTO_RAW, RawDecoder),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an inet socket kind"),
        };
        byte extensions = 0;
        if ((details & SocketDetails.TcpInfo) != 0)
        {
            extensions |= (byte)(SockDiagConstants.Extension(SockDiagConstants.INET_DIAG_INFO) | SockDiagConstants.Extension(SockDiagConstants.INET_DIAG_CONG));
        }

        if ((details & SocketDetails.Memory) != 0)
        {
            extensions |= SockDiagConstants.Extension(SockDiagConstants.INET_DIAG_SKMEMINFO);
        }

        var familyByte = family == AddressFamily.InterNetworkV6 ? SockDiagConstants.AF_INET6 : SockDiagConstants.AF_INET;
        Span<byte> buffer = stackalloc byte[InetDiagRequest.MaxLength];
        return DumpOrNothing(InetDiagRequest.Inet(buffer, familyByte, protocol, states.KernelMask, extensions), decoder, sink);
    }

    /// <summary>
    /// Ask for IPv4 and IPv6 TCP sockets in one dump (TCPDIAG_GETSOCK), one walk of the kernel's tables instead of two.
    /// Turned off by itself when the kernel refuses that request; false forces the per-family path.
    /// </summary>
    public bool OneTcpDumpForBothFamilies { get; set; } = true;

    /// <summary>
    /// Streams the TCP sockets of both families in <paramref name="states"/> that <paramref name="bytecode"/> keeps
    /// (empty: all), with no extensions: the smallest answer the kernel builds. True when a dump was flagged as interrupted.
    /// </summary>
    public bool DumpTcp(SocketStateSet states, ReadOnlySpan<byte> bytecode, Action<SocketEntry> sink)
    {
        var buffer = new byte[InetDiagRequest.TcpLength(bytecode) + 4];
        if (OneTcpDumpForBothFamilies)
        {
            try
            {
                return _socket.DumpEach(InetDiagRequest.TcpBothFamilies(buffer, states.KernelMask, bytecode), TcpDecoder, sink);
            }
            catch (NetlinkException e) when (e.Errno is InvalidArgument or NotSupported or NoDiagHandler)
            {
                // refused before any answer: the request is unknown here, not the filter (the same filter follows)
                OneTcpDumpForBothFamilies = false;
            }
        }

        var interrupted = DumpOrNothing(InetDiagRequest.Tcp(buffer, SockDiagConstants.AF_INET, states.KernelMask, bytecode), TcpDecoder, sink);
        return DumpOrNothing(InetDiagRequest.Tcp(buffer, SockDiagConstants.AF_INET6, states.KernelMask, bytecode), TcpDecoder, sink) || interrupted;
    }

    /// <summary>Streams every unix socket in <paramref name="states"/>, with its name, peer, queues and owner uid.</summary>
    public bool DumpUnix(SocketStateSet states, SocketDetails details, Action<SocketEntry> sink)
    {
        var show = SockDiagConstants.UDIAG_SHOW_NAME | SockDiagConstants.UDIAG_SHOW_PEER | SockDiagConstants.UDIAG_SHOW_RQLEN | SockDiagConstants.UDIAG_SHOW_UID;
        if ((details & SocketDetails.Memory) != 0)
        {
            show |= SockDiagConstants.UDIAG_SHOW_MEMINFO;
        }

        Span<byte> buffer = stackalloc byte[InetDiagRequest.MaxLength];
        return DumpOrNothing(InetDiagRequest.Unix(buffer, states.Mask, show), UnixDecoder, sink);
    }

    /// <summary>Streams every packet socket (packet_diag; none when the kernel lacks it, as in ss).</summary>
    public bool DumpPacket(Action<SocketEntry> sink)
    {
        Span<byte> buffer = stackalloc byte[InetDiagRequest.MaxLength];
        return DumpOrNothing(InetDiagRequest.Packet(buffer), PacketDecoder, sink);
    }

    /// <summary>Streams every netlink socket (netlink_diag), this one included, as ss lists its own.</summary>
    public bool DumpNetlink(Action<SocketEntry> sink)
    {
        Span<byte> buffer = stackalloc byte[InetDiagRequest.MaxLength];
        return DumpOrNothing(InetDiagRequest.Netlink(buffer), NetlinkDecoder, sink);
    }

    /// <summary>
    /// Closes one TCP, UDP or raw socket from a dump (SOCK_DESTROY, as ss -K): a TCP peer gets a RST, the holder's
    /// next call ECONNABORTED. Gone means the socket closed (or was reused) since the dump. Without CAP_NET_ADMIN the
    /// kernel answers EPERM: <see cref="MissingPrivilegeException"/>.
    /// </summary>
    public SocketDestroyOutcome Destroy(SocketEntry socket)
    {
        Span<byte> buffer = stackalloc byte[SockDestroyRequest.Length];
        _ = _socket.Request(SockDestroyRequest.Encode(buffer, socket), static (in NetlinkMessage _) => (object?)null, out var error);
        return error.Errno switch
        {
            0 => SocketDestroyOutcome.Destroyed,
            NoDiagHandler or StaleCookie => SocketDestroyOutcome.Gone,
            NotSupported => SocketDestroyOutcome.NotSupported,
            NotPermitted or AccessDenied => throw new MissingPrivilegeException(
                "closing sockets needs CAP_NET_ADMIN (the kernel answered SOCK_DESTROY with EPERM)",
                "run it with sudo, or grant it: sudo setcap cap_net_admin+ep \"$(command -v netlens)\""),
            _ => throw error.ToException(),
        };
    }

    /// <summary>ENOENT means this kernel has no diag handler for the protocol (raw_diag not built or loaded): no sockets to show, as in ss.</summary>
    private bool DumpOrNothing(ReadOnlySpan<byte> request, MessageDecoder<SocketEntry> decoder, Action<SocketEntry> sink)
    {
        try
        {
            return _socket.DumpEach(request, decoder, sink);
        }
        catch (NetlinkException e) when (e.Errno == NoDiagHandler)
        {
            return false;
        }
    }

    public void Dispose() => _socket.Dispose();
}

/// <summary>What SOCK_DESTROY did with one socket.</summary>
public enum SocketDestroyOutcome
{
    Destroyed,

    /// <summary>ENOENT or ESTALE: closed, or replaced by another socket, since the dump listed it.</summary>
    Gone,

    /// <summary>EOPNOTSUPP: the kernel cannot destroy this socket (built without CONFIG_INET_DIAG_DESTROY, or no handler for the protocol).</summary>
    NotSupported,
}
