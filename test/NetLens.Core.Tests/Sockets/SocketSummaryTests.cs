using System.Net;
using System.Net.Sockets;
using NetLens.Core.Sockets;

namespace NetLens.Core.Tests.Sockets;

public class SocketSummaryTests
{
    private static SocketEntry Tcp(SocketState state, int localPort, uint inode = 1, AddressFamily family = AddressFamily.InterNetwork) => new()
    {
        Kind = SocketKind.Tcp,
        State = state,
        Family = family,
        LocalAddress = family == AddressFamily.InterNetwork ? IPAddress.Loopback : IPAddress.IPv6Loopback,
        LocalPort = localPort,
        Inode = inode,
    };

    [Fact]
    public void Figures_come_from_the_census_and_the_table_from_sockstat()
    {
        var census = new TcpCensus();
        foreach (var socket in new[]
        {
            Tcp(SocketState.Listen, 80),
            Tcp(SocketState.Established, 80),
            Tcp(SocketState.CloseWait, 80),
            Tcp(SocketState.Established, 40000, family: AddressFamily.InterNetworkV6),
            Tcp(SocketState.SynRecv, 80, inode: 0),
            Tcp(SocketState.TimeWait, 40001, inode: 0),
            Tcp(SocketState.FinWait1, 40002, inode: 0),
            Tcp(SocketState.Close, 9000),
        })
        {
            census.Add(socket);
        }

        var summary = SocketSummary.From(census, new Sockstat { SocketsUsed = 30, TcpInUse = 5, Tcp6InUse = 1, TcpTimeWait = 1, UdpInUse = 2, Raw6InUse = 1 });

        Assert.Equal((30, 7, 3, 1, 1, 1, 1, 1, 5), (summary.Total, summary.TcpTotal, summary.Established, summary.Closed, summary.Orphaned, summary.SynRecv, summary.TimeWait, summary.TimeWaitCounter, summary.Ports));
        Assert.Equal(
            ["RAW 1 0 1", "UDP 2 2 0", "TCP 6 5 1", "INET 9 7 2", "FRAG 0 0 0"],
            summary.Transport.Select(t => $"{t.Name} {t.Total} {t.Ipv4} {t.Ipv6}"));
    }
}
