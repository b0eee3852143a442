using System.Net;
using System.Net.Sockets;
using NetLens.Core.Sockets;

namespace NetLens.Core.Tests.Sockets;

public class SocketSummaryTests
{
    private static SocketEntry Tcp(SocketState state, int localPort, uint inode = 1, AddressFamily family = AddressFamily.InterNetwork, byte timer = 0) => new()
    {
        Timer = timer,
        Kind = SocketKind.Tcp,
        State = state,
        Family = family,
        LocalAddress = family == AddressFamily.InterNetwork ? IPAddress.Loopback : IPAddress.IPv6Loopback,
        LocalPort = localPort,
        Inode = inode,
    };

    [Fact]
    public void State_figures_come_from_the_census_and_the_rest_from_the_kernels_counters()
    {
        var census = new TcpCensus();
        foreach (var socket in new[]
        {
            Tcp(SocketState.Listen, 80),
            Tcp(SocketState.Established, 40000, family: AddressFamily.InterNetworkV6),
            Tcp(SocketState.SynRecv, 80, inode: 0),
            Tcp(SocketState.FinWait1, 40002, inode: 0),
            Tcp(SocketState.FinWait2, 40003, inode: 0, timer: 3),
            Tcp(SocketState.BoundInactive, 9000),
        })
        {
            census.Add(socket);
        }

        // inuse: the listener, 3 connected, the FIN-WAIT-1 orphan; tw: one TIME-WAIT and the FIN-WAIT-2 in its table
        var summary = SocketSummary.From(census, new Sockstat { SocketsUsed = 30, TcpInUse = 4, Tcp6InUse = 1, TcpTimeWait = 2, UdpInUse = 2, Raw6InUse = 1 }, currEstab: 3);

        Assert.Equal((30, 8, 3, 1, 1, 1, 1, 2, 5), (summary.Total, summary.TcpTotal, summary.Established, summary.Closed, summary.Orphaned, summary.SynRecv, summary.TimeWait, summary.TimeWaitCounter, summary.Ports));
        Assert.Equal(
            ["RAW 1 0 1", "UDP 2 2 0", "TCP 5 4 1", "INET 8 6 2", "FRAG 0 0 0"],
            summary.Transport.Select(t => $"{t.Name} {t.Total} {t.Ipv4} {t.Ipv6}"));
    }
}

public class TcpSummaryWalksTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(SocketChecker.TimeWaitPile)]
    public void The_three_walks_share_no_state_and_miss_none(int timeWaitCounter)
    {
        var counted = TcpSummaryWalks.Counted(timeWaitCounter);
        var rest = TcpSummaryWalks.Rest(counted);

        Assert.Equal(0u, TcpSummaryWalks.Listeners.Mask & counted.Mask);
        Assert.Equal(0u, TcpSummaryWalks.Listeners.Mask & rest.Mask);
        Assert.Equal(0u, counted.KernelMask & rest.KernelMask);
        var every = SocketStateSet.All.With(SocketStateSet.Of(SocketState.BoundInactive)).Mask;
        Assert.Equal(every, TcpSummaryWalks.Listeners.Mask | counted.KernelMask | rest.KernelMask);
    }

    [Fact]
    public void Time_wait_is_walked_only_when_enough_exist_to_pile_up()
    {
        Assert.False(TcpSummaryWalks.Counted(SocketChecker.TimeWaitPile - 1).Contains(SocketState.TimeWait));
        Assert.True(TcpSummaryWalks.Counted(SocketChecker.TimeWaitPile).Contains(SocketState.TimeWait));
    }
}
