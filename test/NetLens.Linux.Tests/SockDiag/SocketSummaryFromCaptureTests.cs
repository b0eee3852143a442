using NetLens.Core.Sockets;
using NetLens.Linux.Proc;

namespace NetLens.Linux.Tests.SockDiag;

/// <summary>The -s figures from captured dumps and /proc files: the lab held 3+1+1 established pairs, 2 TIME-WAIT, 1 SYN-RECV, 1 bound-only socket.</summary>
public class SocketSummaryFromCaptureTests
{
    private static SocketSummary Summary()
    {
        var census = new TcpCensus();
        foreach (var socket in SockDiagCaptured.Tcp().Concat(SockDiagCaptured.Inet("tcp4-bound.hex", SocketKind.Tcp)))
        {
            census.Add(socket);
        }

        return SocketSummary.From(census, SockstatParser.Parse(SockDiagCaptured.Text("proc-sockstat.txt"), SockDiagCaptured.Text("proc-sockstat6.txt")));
    }

    [Fact]
    public void Estab_counts_established_and_close_wait_like_the_kernels_CurrEstab()
    {
        var counters = NetCounterTableParser.Parse(SockDiagCaptured.Text("proc-snmp.txt"));

        Assert.Equal(counters["Tcp.CurrEstab"], Summary().Established);
        Assert.Equal(9, Summary().Established);
    }

    [Fact]
    public void State_figures_are_counted_from_the_sockets_themselves()
    {
        var summary = Summary();

        Assert.Equal(1, summary.SynRecv);
        Assert.Equal(2, summary.TimeWait);
        Assert.Equal(2, summary.TimeWaitCounter);
        Assert.Equal(1, summary.Closed);
        Assert.Equal(0, summary.Orphaned);

        // 2 listeners + 9 established + 2 TIME-WAIT + 1 IPv6 listener + 1 bound-only (the SYN-RECV request is not a socket)
        Assert.Equal(15, summary.TcpTotal);

        // 8080 8081 9000 443 and one local port per client socket: 52546 52550 52566 52576 52586 53116 44404
        Assert.Equal(11, summary.Ports);
    }

    [Fact]
    public void Transport_table_equals_the_one_ss_printed()
    {
        var ss = SockDiagCaptured.Text("ss-s.txt").Split('\n').SkipWhile(l => !l.StartsWith("Transport", StringComparison.Ordinal)).Skip(1)
            .Where(l => l.Length > 0).Select(l => string.Join(' ', l.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)));

        var ours = Summary().Transport.Select(t => $"{t.Name} {t.Total} {t.Ipv4} {t.Ipv6}");

        Assert.Equal(ss, ours);
    }

    [Fact]
    public void Total_is_the_namespaces_sockets_used()
    {
        Assert.Equal(24, Summary().Total);
    }
}
