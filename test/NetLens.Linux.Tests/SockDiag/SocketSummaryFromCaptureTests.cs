using NetLens.Core.Sockets;
using NetLens.Linux.Proc;

namespace NetLens.Linux.Tests.SockDiag;

/// <summary>The -s figures from captured dumps and /proc files: the lab held 3+1+1 established pairs, 2 TIME-WAIT, 1 SYN-RECV, 1 bound-only socket.</summary>
public class SocketSummaryFromCaptureTests
{
    private static List<SocketEntry> Captured() => [.. SockDiagCaptured.Tcp(), .. SockDiagCaptured.Inet("tcp4-bound.hex", SocketKind.Tcp)];

    private static Sockstat Sockstat() => SockstatParser.Parse(SockDiagCaptured.Text("proc-sockstat.txt"), SockDiagCaptured.Text("proc-sockstat6.txt"));

    private static long CurrEstab() => NetCounterTableParser.Parse(SockDiagCaptured.Text("proc-snmp.txt"))["Tcp.CurrEstab"];

    /// <summary>What the three walks of TcpSummaryWalks return, picked out of the full capture.</summary>
    private static SocketSummary Summary()
    {
        var sockets = Captured();
        var census = new TcpCensus();
        var listenerPorts = sockets.Where(s => TcpSummaryWalks.Listeners.Contains(s.State)).Select(s => s.LocalPort).ToHashSet();
        var counted = TcpSummaryWalks.Counted(Sockstat().TcpTimeWait);
        foreach (var socket in sockets)
        {
            var state = socket.State == SocketState.NewSynRecv ? SocketState.SynRecv : socket.State;
            if (TcpSummaryWalks.Listeners.Contains(state) || counted.Contains(state)
                || (TcpSummaryWalks.Rest(counted).Contains(state) && !listenerPorts.Contains(socket.LocalPort)))
            {
                census.Add(socket);
            }
        }

        return SocketSummary.From(census, Sockstat(), CurrEstab());
    }

    [Fact]
    public void The_kernels_CurrEstab_counts_established_and_close_wait_as_ss_estab_does()
    {
        var sockets = Captured();

        Assert.Equal(sockets.Count(s => s.State is SocketState.Established or SocketState.CloseWait), CurrEstab());
        Assert.Equal(9, Summary().Established);
    }

    [Fact]
    public void The_partial_walks_give_the_figures_of_a_full_census()
    {
        var full = new TcpCensus();
        foreach (var socket in Captured())
        {
            full.Add(socket);
        }

        var fromFull = SocketSummary.From(full, Sockstat(), CurrEstab());

        Assert.Equal(Figures(fromFull), Figures(Summary()));
    }

    private static (int, int, int, int, int, int, int, int, int) Figures(SocketSummary s) =>
        (s.Total, s.TcpTotal, s.Established, s.Closed, s.Orphaned, s.SynRecv, s.TimeWait, s.TimeWaitCounter, s.Ports);

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
