using System.Net;
using System.Net.Sockets;
using NetLens.Core.Probing;
using NetLens.Core.Trace;
using NetLens.Linux.Probes;

namespace NetLens.Linux.Tests.Probes;

/// <summary>Loopback only, no privilege: the schedule over several rounds and flows, and unprivileged TCP probes.</summary>
public class PacedProberTests
{
    [Fact]
    public void Overlapping_rounds_report_every_probe_of_every_round_ttl_and_flow_exactly_once()
    {
        using var prober = UdpErrorQueueProber.Open(IPAddress.Loopback, flows: 3);
        var schedule = new TraceSchedule(5, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(5));

        var results = prober.Run(schedule, _ => 2, CancellationToken.None).ToList();

        Assert.Equal(3, prober.Flows.Select(f => f.SourcePort).Distinct().Count());
        Assert.Equal(
            [.. from round in Enumerable.Range(0, 5) from ttl in new[] { 1, 2 } from flow in Enumerable.Range(0, 3) select (round, ttl, flow)],
            results.Select(r => (r.Round, r.Ttl, r.Flow)).Order());
        Assert.All(results, r => Assert.Equal(ProbeOutcome.DestinationReached, r.Outcome));
    }

    [Fact]
    public void Once_the_destination_is_known_no_probe_goes_beyond_it()
    {
        using var prober = UdpErrorQueueProber.Open(IPAddress.Loopback);
        var statistics = new TraceStatistics(10);
        var schedule = new TraceSchedule(3, TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(5));

        foreach (var result in prober.Run(schedule, _ => statistics.TtlsToProbe, CancellationToken.None))
        {
            statistics.Add(result);
        }

        // Round 0 probes all 10 TTLs (the destination is unknown); rounds 1 and 2 only TTL 1.
        Assert.Equal(1, statistics.DestinationTtl);
        Assert.Equal(3, statistics.Report().Single().Sent);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public void Tcp_connect_probes_reach_a_closed_port_by_its_reset_and_an_open_one_by_connecting(string address)
    {
        var target = IPAddress.Parse(address);
        using var listener = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(target, 0));
        listener.Listen(64);
        var open = (ushort)((IPEndPoint)listener.LocalEndPoint!).Port;
        using var probe = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(target, 0));
        var closed = (ushort)((IPEndPoint)probe.LocalEndPoint!).Port;

        foreach (var port in new[] { open, closed })
        {
            using var prober = TcpConnectProber.Open(target, port);
            var results = prober.ProbeRound(round: 0, ttls: 2, TimeSpan.FromSeconds(5), CancellationToken.None);

            Assert.Equal(ProbeMechanism.TcpConnect, prober.Mechanism);
            Assert.All(results, r => Assert.Equal((ProbeOutcome.DestinationReached, target), (r.Outcome, r.Responder)));
        }
    }
}
