using System.Net;
using NetLens.Core.Sockets;

namespace NetLens.Core.Tests.Sockets;

public class SocketCheckerTests
{
    private static readonly SocketCheckFacts Quiet = new() { EphemeralLow = 40000, EphemeralHigh = 40099, MaxOrphans = 1000 };

    private static SocketEntry Socket(SocketState state, string local, int localPort, string peer, int peerPort, uint recvQ = 0, uint sendQ = 0) => new()
    {
        Kind = SocketKind.Tcp,
        State = state,
        LocalAddress = IPAddress.Parse(local),
        LocalPort = localPort,
        PeerAddress = IPAddress.Parse(peer),
        PeerPort = peerPort,
        RecvQ = recvQ,
        SendQ = sendQ,
        Inode = 1,
    };

    [Fact]
    public void Nothing_wrong_gives_no_findings()
    {
        var sockets = new[] { Socket(SocketState.Listen, "127.0.0.1", 6379, "0.0.0.0", 0, 0, 128), Socket(SocketState.Established, "198.18.0.1", 40001, "198.18.0.2", 80) };

        Assert.Empty(SocketChecker.Check(sockets, Quiet));
    }

    [Fact]
    public void Half_the_ephemeral_range_toward_one_destination_is_reported_with_numbers()
    {
        var sockets = Enumerable.Range(40000, 60).Select(p => Socket(SocketState.Established, "198.18.0.1", p, "198.18.0.2", 80)).ToList();

        var finding = Assert.Single(SocketChecker.Check(sockets, Quiet));

        Assert.Equal(SocketFindingKind.EphemeralPortExhaustion, finding.Kind);
        Assert.Equal("60 of 100 ephemeral ports (60%) are in use from 198.18.0.1 toward 198.18.0.2:80 (net.ipv4.ip_local_port_range 40000-40099); connect() fails with EADDRNOTAVAIL when they run out.", finding.Message);
    }

    [Fact]
    public void Time_wait_piles_are_counted_per_remote()
    {
        var sockets = Enumerable.Range(0, SocketChecker.TimeWaitPile).Select(i => Socket(SocketState.TimeWait, "198.18.0.1", 1000 + (i % 50), "198.18.0.9", 80 + (i / 50))).ToList();

        var finding = Assert.Single(SocketChecker.Check(sockets, Quiet));

        Assert.Equal(SocketFindingKind.TimeWaitPile, finding.Kind);
        Assert.StartsWith("1000 connections with 198.18.0.9 sit in TIME-WAIT", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Listen_overflow_counters_and_a_nearly_full_accept_queue_are_reported()
    {
        var sockets = new[] { Socket(SocketState.Listen, "198.18.0.1", 8080, "0.0.0.0", 0, recvQ: 120, sendQ: 128) };

        var findings = SocketChecker.Check(sockets, Quiet with { ListenOverflows = 5, ListenDrops = 7 });

        Assert.Equal([SocketFindingKind.ListenOverflow, SocketFindingKind.ListenQueueFull], findings.Select(f => f.Kind));
        Assert.Contains("ListenOverflows 5, ListenDrops 7", findings[0].Message, StringComparison.Ordinal);
        Assert.Contains("198.18.0.1:8080 has 120 of 128 accept-queue slots taken (94%)", findings[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Orphans_near_the_limit_are_reported()
    {
        var finding = Assert.Single(SocketChecker.Check([], Quiet with { OrphansHostWide = 600 }));

        Assert.Equal(SocketFindingKind.Orphans, finding.Kind);
        Assert.StartsWith("600 orphaned TCP sockets are 60% of net.ipv4.tcp_max_orphans (1000)", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loopback_kind_services_on_every_address_are_reported()
    {
        var sockets = new[] { Socket(SocketState.Listen, "0.0.0.0", 6379, "0.0.0.0", 0, 0, 511), Socket(SocketState.Listen, "::", 5432, "::", 0, 0, 244) };

        var findings = SocketChecker.Check(sockets, Quiet);

        Assert.Equal(2, findings.Count);
        Assert.Equal("Port 6379 (redis) listens on every address (0.0.0.0:6379); such services are usually meant for 127.0.0.1 only.", findings[0].Message);
        Assert.Contains("([::]:5432)", findings[1].Message, StringComparison.Ordinal);
    }
}
