using System.Net;
using NetLens.Core.Probing;
using NetLens.Core.Trace;
using NetLens.Linux.Probes;

namespace NetLens.Linux.Tests.Probes;

/// <summary>Loopback only: the target is the first hop and refuses the port, which needs no privilege at all.</summary>
public class UdpErrorQueueProberTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public void A_round_to_loopback_reaches_the_target_at_every_ttl_and_names_it(string address)
    {
        var target = IPAddress.Parse(address);
        using var prober = UdpErrorQueueProber.Open(target);

        var results = prober.ProbeRound(round: 0, ttls: 3, TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.Equal(ProbeMechanism.UdpErrorQueue, prober.Mechanism);
        Assert.Equal([1, 2, 3], results.Select(r => r.Ttl));
        Assert.All(results, r => Assert.Equal((ProbeOutcome.DestinationReached, target), (r.Outcome, r.Responder)));
        Assert.All(results, r => Assert.True(r.RttMs >= 0));
    }

    [Fact]
    public void Consecutive_rounds_keep_the_source_port_and_each_reports_only_its_own_replies()
    {
        using var prober = UdpErrorQueueProber.Open(IPAddress.Loopback);
        var port = prober.Flow.SourcePort;

        var first = prober.ProbeRound(round: 0, ttls: 2, TimeSpan.FromSeconds(5), CancellationToken.None);
        var second = prober.ProbeRound(round: 1, ttls: 2, TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.Equal(port, prober.Flow.SourcePort);
        Assert.All(first, r => Assert.Equal(0, r.Round));
        Assert.All(second, r => Assert.Equal((1, ProbeOutcome.DestinationReached), (r.Round, r.Outcome)));
    }
}
