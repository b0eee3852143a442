using System.Net;
using NetLens.Core.Sockets;

namespace NetLens.Core.Tests.Sockets;

public class SocketFilterParserTests
{
    private static SocketEntry Tcp(string local, int localPort, string peer, int peerPort, SocketState state = SocketState.Established) => new()
    {
        Kind = SocketKind.Tcp,
        State = state,
        LocalAddress = IPAddress.Parse(local),
        LocalPort = localPort,
        PeerAddress = IPAddress.Parse(peer),
        PeerPort = peerPort,
    };

    private static SocketFilter Parse(string text) => SocketFilterParser.Parse(text.Split(' '));

    [Fact]
    public void Dport_compares_the_peers_port()
    {
        var filter = Parse("dport = :443");

        Assert.True(filter.Matches(Tcp("198.18.0.1", 50000, "198.18.0.2", 443)));
        Assert.False(filter.Matches(Tcp("198.18.0.1", 443, "198.18.0.2", 50000)));
    }

    [Theory]
    [InlineData("sport >= :1024", 50000, true)]
    [InlineData("sport lt :1024", 50000, false)]
    [InlineData("sport != :22", 22, false)]
    [InlineData("( sport eq :22 or sport eq :80 )", 80, true)]
    [InlineData("not sport = :80", 80, false)]
    [InlineData("sport>:1000", 1001, true)]
    public void Port_comparisons_follow_ss(string filter, int localPort, bool matches)
    {
        Assert.Equal(matches, Parse(filter).Matches(Tcp("198.18.0.1", localPort, "198.18.0.2", 9)));
    }

    [Fact]
    public void Src_prefix_matches_ipv4_and_v4_mapped_sockets_but_not_others()
    {
        var filter = Parse("src 198.18.0.0/15");

        Assert.True(filter.Matches(Tcp("198.19.3.4", 1, "203.0.113.1", 2)));
        Assert.True(filter.Matches(Tcp("::ffff:198.18.0.9", 1, "::ffff:203.0.113.1", 2)));
        Assert.False(filter.Matches(Tcp("203.0.113.1", 1, "198.18.0.1", 2)));
        Assert.False(filter.Matches(Tcp("2001:db8::1", 1, "2001:db8::2", 2)));
    }

    [Fact]
    public void Dst_with_a_port_and_ipv6_brackets_needs_both_to_match()
    {
        var filter = Parse("dst [2001:db8::2]:443");

        Assert.True(filter.Matches(Tcp("2001:db8::1", 5, "2001:db8::2", 443)));
        Assert.False(filter.Matches(Tcp("2001:db8::1", 5, "2001:db8::2", 80)));
    }

    [Fact]
    public void Adjacent_conditions_are_joined_by_and()
    {
        var filter = Parse("src 198.18.0.1 dport = :80");

        Assert.True(filter.Matches(Tcp("198.18.0.1", 5, "198.18.0.2", 80)));
        Assert.False(filter.Matches(Tcp("198.18.0.3", 5, "198.18.0.2", 80)));
    }

    [Fact]
    public void State_words_choose_states_and_exclude_removes_them()
    {
        Assert.Equal(SocketStateSet.Of(SocketState.Established), Parse("state established").States);
        Assert.Equal(SocketStateSet.Of(SocketState.Established, SocketState.TimeWait), Parse("state established state time-wait").States);
        Assert.False(Parse("exclude listening").States!.Value.Contains(SocketState.Listen));
        Assert.True(Parse("exclude listening").States!.Value.Contains(SocketState.Established));
    }

    [Theory]
    [InlineData("state bogus")]
    [InlineData("dport = :http2x")]
    [InlineData("( sport = :1")]
    [InlineData("frobnicate")]
    [InlineData("src 300.1.1.1")]
    public void Bad_filters_are_usage_errors(string filter)
    {
        Assert.Throws<UsageException>(() => Parse(filter));
    }

    [Fact]
    public void Ss_state_names_are_ss_words()
    {
        Assert.Equal(
            ["ESTAB", "SYN-SENT", "SYN-RECV", "FIN-WAIT-1", "FIN-WAIT-2", "TIME-WAIT", "UNCONN", "CLOSE-WAIT", "LAST-ACK", "LISTEN", "CLOSING"],
            Enumerable.Range(1, 11).Select(s => SocketWords.State((SocketState)s)));
    }

    [Fact]
    public void Default_states_leave_out_listeners_time_wait_and_syn_recv_like_ss()
    {
        var connected = SocketStateSet.Connected;

        Assert.True(connected.Contains(SocketState.Established));
        Assert.True(connected.Contains(SocketState.CloseWait));
        Assert.False(connected.Contains(SocketState.Listen));
        Assert.False(connected.Contains(SocketState.TimeWait));
        Assert.False(connected.Contains(SocketState.SynRecv));
        Assert.Equal(1u << 12, SocketStateSet.All.KernelMask & (1u << 12));
    }
}
