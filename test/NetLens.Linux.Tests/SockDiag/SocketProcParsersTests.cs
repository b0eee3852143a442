using NetLens.Linux.Proc;

namespace NetLens.Linux.Tests.SockDiag;

public class SocketProcParsersTests
{
    [Fact]
    public void Sockstat_reads_both_files_and_tolerates_a_missing_one()
    {
        var both = SockstatParser.Parse("sockets: used 24\nTCP: inuse 9 orphan 1 tw 2 alloc 14 mem 0\nUDP: inuse 1 mem 0\nRAW: inuse 0\nFRAG: inuse 3 memory 0\n", "TCP6: inuse 3\nUDP6: inuse 1\n");
        var v4Only = SockstatParser.Parse("TCP: inuse 4 orphan 0 tw 0 alloc 4 mem 0\n", "");

        Assert.Equal((24, 9, 1, 2, 14, 1, 3, 3, 1), (both.SocketsUsed, both.TcpInUse, both.TcpOrphan, both.TcpTimeWait, both.TcpAlloc, both.UdpInUse, both.FragInUse, both.Tcp6InUse, both.Udp6InUse));
        Assert.Equal((4, 0), (v4Only.TcpInUse, v4Only.Tcp6InUse));
    }

    [Fact]
    public void Counter_tables_pair_names_with_values_and_skip_odd_lines()
    {
        var counters = NetCounterTableParser.Parse("Tcp: RtoMin CurrEstab\nTcp: 200 7\nodd line\nTcpExt: ListenOverflows ListenDrops\nTcpExt: 3 4\n");

        Assert.Equal(7, counters["Tcp.CurrEstab"]);
        Assert.Equal((3L, 4L), (counters["TcpExt.ListenOverflows"], counters["TcpExt.ListenDrops"]));
    }

    [Fact]
    public void Captured_netstat_has_the_listen_counters()
    {
        var counters = NetCounterTableParser.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "sockdiag", "proc-netstat.txt")));

        Assert.True(counters.ContainsKey("TcpExt.ListenOverflows"));
        Assert.True(counters.ContainsKey("TcpExt.ListenDrops"));
    }

    [Theory]
    [InlineData("socket:[12345]", 12345u)]
    [InlineData("socket:[]", 0u)]
    [InlineData("pipe:[12345]", 0u)]
    [InlineData("/dev/null", 0u)]
    [InlineData("socket:[12a]", 0u)]
    public void Socket_links_give_their_inode(string target, uint inode)
    {
        Assert.Equal(inode, SocketOwnerScanner.ParseSocketLink(System.Text.Encoding.ASCII.GetBytes(target)));
    }

    [Fact]
    public void Process_names_may_hold_spaces_and_parentheses()
    {
        Assert.Equal("my (odd) name", SocketOwnerScanner.ParseStatName("123 (my (odd) name) S 1 123 123 0"));
    }

    [Fact]
    public void Scanning_finds_this_processs_own_socket()
    {
        using var listener = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        listener.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        var fd = (int)listener.SafeHandle.DangerousGetHandle();
        var inode = SocketOwnerScanner.ParseSocketLink(System.Text.Encoding.ASCII.GetBytes(new FileInfo($"/proc/self/fd/{fd}").LinkTarget!));

        var owners = SocketOwnerScanner.Scan(new HashSet<uint> { inode });

        var owner = Assert.Single(owners[inode]);
        Assert.Equal((Environment.ProcessId, fd), (owner.Pid, owner.Fd));
    }
}
