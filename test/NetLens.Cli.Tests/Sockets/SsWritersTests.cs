using System.Net;
using System.Text.Json;
using NetLens.Cli.Hosting;
using NetLens.Cli.Output.Json;
using NetLens.Cli.Output.Sockets;
using NetLens.Core.Sockets;
using NetLens.Linux.Proc;

namespace NetLens.Cli.Tests.Sockets;

public class SsWritersTests
{
    private static readonly SocketEntry Listener = new()
    {
        Kind = SocketKind.Tcp,
        State = SocketState.Listen,
        Family = System.Net.Sockets.AddressFamily.InterNetworkV6,
        LocalAddress = IPAddress.IPv6Any,
        LocalPort = 443,
        PeerAddress = IPAddress.IPv6Any,
        SendQ = 4096,
        V6Only = true,
        Inode = 77,
        Cookie = 0xab,
    };

    [Fact]
    public void Listing_has_ss_columns_and_words()
    {
        var text = new StringWriter();
        var writer = new SsListingWriter(text, new SsListingLayout { Processes = true, Extended = true });

        writer.WriteHeader();
        writer.Write(Listener, [new SocketOwner("nginx", 123, 6), new SocketOwner("nginx", 124, 6)], null);
        writer.Complete();

        // ss's layout: each column as wide as its widest cell, addresses right, the rest left; the last line's last cell is not measured
        Assert.Equal(
            "State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\n" +
            "LISTEN 0      4096            [::]:443          [::]:*    users:((\"nginx\",pid=123,fd=6),(\"nginx\",pid=124,fd=6)) ino:77 sk:ab v6only:1\n",
            text.ToString());
    }

    [Fact]
    public void Dual_stack_sockets_show_a_star_and_memory_sits_on_its_own_line_inside_the_padded_last_column()
    {
        var text = new StringWriter();
        var writer = new SsListingWriter(text, new SsListingLayout { Memory = true, Extended = true });
        var dual = new SocketEntry
        {
            Kind = SocketKind.Udp,
            State = SocketState.Close,
            Family = System.Net.Sockets.AddressFamily.InterNetworkV6,
            LocalAddress = IPAddress.IPv6Any,
            LocalPort = 5353,
            PeerAddress = IPAddress.IPv6Any,
            V6Only = false,
            Shutdown = 2,
            Inode = 9,
            Cookie = 0x1f,
            Memory = new SocketMemory(0, 212992, 0, 212992, 0, 0, 0, 0, 0),
        };

        writer.WriteHeader();
        writer.Write(dual, null, null);
        writer.Complete();

        // memory goes on a line of its own inside the last cell ("\n\t skmem…"); shutdown 2 (no more sending) is "<--"
        Assert.Equal(
            "State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\n" +
            "UNCONN 0      0                  *:5353            *:*    ino:9 sk:1f v6only:0 <--\n" +
            "\t skmem:(r0,rb212992,t0,tb212992,f0,w0,o0,bl0,d0)\n",
            text.ToString());
    }

    [Fact]
    public void Device_bound_sockets_name_their_device_and_unix_sockets_show_path_and_inode()
    {
        var text = new StringWriter();
        var writer = new SsListingWriter(text, new SsListingLayout { ShowNetid = true });
        var udp = new SocketEntry { Kind = SocketKind.Udp, State = SocketState.Close, LocalAddress = IPAddress.Parse("127.0.0.53"), LocalPort = 53, InterfaceIndex = 1 };
        var unix = new SocketEntry { Kind = SocketKind.UnixStream, State = SocketState.Established, UnixPath = "/run/x.sock", Inode = 10, UnixPeerInode = 11 };

        writer.Write(udp, null, "lo");
        writer.Write(unix, null, null);
        writer.Complete();

        // no header (-H): the widths are the rows' own, and the empty Process column takes no room
        Assert.Equal(
            "udp   UNCONN 0      0      127.0.0.53%lo:53 0.0.0.0:* \n" +
            "u_str ESTAB  0      0        /run/x.sock 10       * 11\n",
            text.ToString());
    }

    [Fact]
    public void Summary_has_the_sheets_layout()
    {
        var summary = new SocketSummary
        {
            Total = 783,
            TcpTotal = 758,
            Established = 62,
            Closed = 693,
            SynRecv = 0,
            TimeWait = 3,
            TimeWaitCounter = 3,
            Ports = 12,
            Transport = [new("RAW", 0, 0), new("UDP", 5, 2), new("TCP", 60, 2), new("INET", 65, 4), new("FRAG", 0, 0)],
        };
        var text = new StringWriter();

        SsSummaryWriter.Write(text, summary, [new SocketFinding(SocketFindingKind.Orphans, "A sentence.")]);

        Assert.Equal(
            "Total: 783\n" +
            "TCP:   758 (estab 62, closed 693, orphaned 0, synrecv 0, timewait 3/3), ports 12\n\n" +
            "Transport Total     IP        IPv6\n" +
            "RAW\t  0         0         0        \n" +
            "UDP\t  7         5         2        \n" +
            "TCP\t  62        60        2        \n" +
            "INET\t  69        65        4        \n" +
            "FRAG\t  0         0         0        \n\n" +
            "Findings\n  A sentence.\n",
            text.ToString());
    }

    [Fact]
    public void Json_documents_serialise_without_reflection()
    {
        var document = new SocketsDocument([SocketJsonMapper.ToJson(Listener, [new SocketOwner("nginx", 1, 3)], null)]);

        using var json = JsonDocument.Parse(JsonOutput.Serialize(document));

        var socket = json.RootElement.GetProperty("sockets")[0];
        Assert.Equal("LISTEN", socket.GetProperty("state").GetString());
        Assert.Equal(4096u, socket.GetProperty("send_q").GetUInt32());
        Assert.Equal("::", socket.GetProperty("local").GetProperty("address").GetString());
        Assert.Equal(1, socket.GetProperty("users")[0].GetProperty("pid").GetInt32());
    }

    [Theory]
    [InlineData("dport", "=", ":nope")]
    [InlineData("state", "bogus")]
    public void Bad_filters_exit_2_with_one_line(params string[] filter)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = NetLensApp.Run(["sockets", .. filter], new CliOutput(stdout, stderr, outputRedirected: true));

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Single(stderr.ToString().TrimEnd().Split('\n'));
        Assert.StartsWith("netlens: error: ", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Ss_style_bundled_flags_parse_and_n_means_numeric_here()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = NetLensApp.Run(["sockets", "-tln", "sport", "=", ":1"], new CliOutput(stdout, stderr, outputRedirected: true));

        Assert.Equal("", stderr.ToString());
        Assert.Equal(ExitCodes.Success, code);
        Assert.StartsWith("State", stdout.ToString(), StringComparison.Ordinal);
    }
}
