using System.Net;
using System.Net.Sockets;
using NetLens.Core.Sockets;

namespace NetLens.Linux.Tests.SockDiag;

/// <summary>Decodes captured sock_diag replies and compares them with what ss printed for the same sockets.</summary>
public class InetDiagMessageTests
{
    [Fact]
    public void Tcp_dump_lists_exactly_what_ss_tan_listed()
    {
        var ss = SockDiagCaptured.Text("ss-tan.txt").Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(Normalise);

        var decoded = SockDiagCaptured.Tcp().Select(s =>
            $"{SocketWords.State(s.State)} {s.RecvQ} {s.SendQ} {Endpoint(s.LocalAddress, s.LocalPort)} {Endpoint(s.PeerAddress, s.PeerPort)}");

        Assert.Equal(ss.Order(StringComparer.Ordinal), decoded.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Tcp_info_of_an_established_socket_has_what_ss_i_showed()
    {
        // ss -tanei: "ts sack bbr wscale:10,10 rto:204 rtt:0.008/0.004 mss:32741 … cwnd:10 … snd_wnd:65483"
        var socket = SockDiagCaptured.Tcp().Single(s => s.LocalPort == 53116);

        Assert.Equal(SocketState.Established, socket.State);
        Assert.Equal("bbr", socket.Congestion);
        var info = Assert.IsType<TcpInfo>(socket.TcpInfo);
        Assert.Equal(32741u, info.SendMss);
        Assert.Equal(10u, info.SendCwnd);
        Assert.Equal(8u, info.RttUs);
        Assert.Equal(4u, info.RttVarUs);
        Assert.Equal(204_000u, info.RtoUs);
        Assert.Equal((byte)10, info.SendWindowScale);
        Assert.Equal(65483u, info.SendWindow);
        Assert.NotNull(socket.Memory);
    }

    [Fact]
    public void Request_sockets_are_syn_recv_without_inode()
    {
        var synRecv = Assert.Single(SockDiagCaptured.Tcp(), s => s.State == SocketState.SynRecv);

        Assert.Equal(8081, synRecv.LocalPort);
        Assert.Equal(0u, synRecv.Inode);
        Assert.False(synRecv.IsOrphan);
    }

    [Fact]
    public void Bound_only_dump_reports_the_bound_socket_as_closed()
    {
        var bound = Assert.Single(SockDiagCaptured.Inet("tcp4-bound.hex", SocketKind.Tcp));

        Assert.Equal(SocketState.Close, bound.State);
        Assert.Equal(9000, bound.LocalPort);
        Assert.Equal(IPAddress.Parse("198.18.0.1"), bound.LocalAddress);
    }

    [Fact]
    public void Udp_dumps_give_unconnected_sockets_of_both_families()
    {
        var v4 = Assert.Single(SockDiagCaptured.Inet("udp4-all.hex", SocketKind.Udp));
        var v6 = Assert.Single(SockDiagCaptured.Inet("udp6-all.hex", SocketKind.Udp));

        Assert.Equal(("UNCONN", 53, "198.18.0.1"), (SocketWords.State(v4.State), v4.LocalPort, v4.LocalAddress.ToString()));
        Assert.Equal((AddressFamily.InterNetworkV6, 5353, IPAddress.IPv6Any), (v6.Family, v6.LocalPort, v6.LocalAddress));
    }

    [Fact]
    public void V6only_is_known_only_where_the_kernel_reports_it_for_listening_and_closed_ipv6_sockets()
    {
        var tcp6 = SockDiagCaptured.Inet("tcp6-all.hex", SocketKind.Tcp);
        var v6 = Assert.Single(SockDiagCaptured.Inet("udp6-all.hex", SocketKind.Udp));

        // INET_DIAG_SKV6ONLY comes only with TCPF_LISTEN | TCPF_CLOSE: ss prints "v6only:" for those alone
        Assert.All(tcp6.Where(s => s.State is not (SocketState.Listen or SocketState.Close)), s => Assert.Null(s.V6Only));
        Assert.All(tcp6.Where(s => s.State is SocketState.Listen), s => Assert.NotNull(s.V6Only));
        Assert.Contains(tcp6, s => s.State is not (SocketState.Listen or SocketState.Close));
        Assert.False(v6.V6Only);
        Assert.True(v6.DualStack);
        Assert.All(SockDiagCaptured.Inet("udp4-all.hex", SocketKind.Udp), s => Assert.Null(s.V6Only));
    }

    [Fact]
    public void Unix_dump_names_abstract_sockets_with_an_at_sign_and_pairs_peers()
    {
        var unix = SockDiagCaptured.Unix("unix-all.hex");

        var listener = Assert.Single(unix, s => s.UnixPath == "@netlens-lab");
        Assert.Equal((SocketKind.UnixStream, SocketState.Listen, 5u), (listener.Kind, listener.State, listener.SendQ));
        var pair = unix.Where(s => s.UnixPath is null && s.State == SocketState.Established).ToList();
        Assert.Equal(2, pair.Count);
        Assert.Equal(pair[0].Inode, pair[1].UnixPeerInode);
    }

    [Fact]
    public void Request_encoder_writes_the_bytes_that_were_sent_to_the_kernel()
    {
        Span<byte> buffer = stackalloc byte[InetDiagRequestSize];
        var tcp = NetLens.Linux.SockDiag.InetDiagRequest.Inet(buffer, 2, 6, SocketStateSet.All.With(SocketStateSet.Of(SocketState.NewSynRecv)).Mask, 0x4A).ToArray();
        var unix = NetLens.Linux.SockDiag.InetDiagRequest.Unix(buffer, uint.MaxValue, 0x55).ToArray();

        AssertSameIgnoringSequence(SockDiagCaptured.Request("tcp4-all.hex"), tcp);
        AssertSameIgnoringSequence(SockDiagCaptured.Request("unix-all.hex"), unix);
    }

    private const int InetDiagRequestSize = NetLens.Linux.SockDiag.InetDiagRequest.MaxLength;

    private static void AssertSameIgnoringSequence(byte[] expected, byte[] actual)
    {
        // the socket stamps the sequence number (bytes 8..11) when sending
        expected.AsSpan(8, 4).Clear();
        actual.AsSpan(8, 4).Clear();
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(actual));
    }

    private static string Endpoint(IPAddress address, int port) =>
        $"{(address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString())}:{(port == 0 ? "*" : port.ToString(System.Globalization.CultureInfo.InvariantCulture))}";

    private static string Normalise(string line) => string.Join(' ', line.Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
