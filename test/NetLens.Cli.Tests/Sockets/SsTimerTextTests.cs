using NetLens.Cli.Output.Sockets;
using NetLens.Core.Sockets;

namespace NetLens.Cli.Tests.Sockets;

public class SsTimerTextTests
{
    [Theory]
    [InlineData(7_140_000u, "119min")]
    [InlineData(600_000u, "10min")]
    [InlineData(65_000u, "1min5sec")]
    [InlineData(61_500u, "1min1sec")]
    [InlineData(52_000u, "52sec")]
    [InlineData(10_001u, "10sec")]
    [InlineData(5_000u, "5sec")]
    [InlineData(5_500u, "5.500ms")]
    [InlineData(1_234u, "1.234ms")]
    [InlineData(500u, "500ms")]
    [InlineData(7u, "007ms")]
    [InlineData(0u, "")]
    public void Time_left_reads_as_ss_writes_it(uint milliseconds, string expected)
    {
        Assert.Equal(expected, SsDetailsText.Duration(milliseconds));
    }

    [Fact]
    public void A_socket_without_a_timer_prints_nothing_and_one_with_a_timer_names_it()
    {
        var idle = new SocketEntry { Kind = SocketKind.Tcp, State = SocketState.Established };
        var keepalive = new SocketEntry { Kind = SocketKind.Tcp, State = SocketState.Established, Timer = 2, TimerExpiresMs = 7_140_000 };
        var retransmit = new SocketEntry { Kind = SocketKind.Tcp, State = SocketState.SynRecv, Timer = 1, TimerExpiresMs = 1_500, TimerRetransmits = 2 };

        Assert.Null(SsDetailsText.Timer(idle));
        Assert.Equal("timer:(keepalive,119min,0)", SsDetailsText.Timer(keepalive));
        Assert.Equal("timer:(on,1.500ms,2)", SsDetailsText.Timer(retransmit));
    }

    [Fact]
    public void Timers_follow_the_users_as_in_ss()
    {
        var text = new StringWriter();
        var socket = new SocketEntry { Kind = SocketKind.Tcp, State = SocketState.TimeWait, LocalPort = 40000, PeerPort = 80, Timer = 3, TimerExpiresMs = 52_000 };

        var writer = new SsListingWriter(text, new SsListingLayout { Timers = true, Processes = true });
        writer.Write(socket, [new NetLens.Linux.Proc.SocketOwner("curl", 7, 3)], null);
        writer.Complete();

        Assert.EndsWith("users:((\"curl\",pid=7,fd=3)) timer:(timewait,52sec,0)\n", text.ToString(), StringComparison.Ordinal);
    }
}
