using System.Net;
using System.Text.Json;
using NetLens.Cli.Output.Trace;
using NetLens.Core.Probing;
using NetLens.Core.Trace;

namespace NetLens.Cli.Tests.Trace;

public class TraceJsonWriterTests
{
    [Fact]
    public void The_document_names_the_mechanism_and_gives_each_hop_its_numbers_and_loss_reading()
    {
        var statistics = new TraceStatistics(5);
        var router = IPAddress.Parse("198.18.1.2");
        var target = IPAddress.Parse("198.18.2.2");
        statistics.Add(new ProbeResult(0, 1, ProbeOutcome.HopReplied, router, 1.5));
        statistics.Add(ProbeResult.Lost(1, 1));
        statistics.Add(new ProbeResult(0, 2, ProbeOutcome.DestinationReached, target, 2));
        statistics.Add(new ProbeResult(1, 2, ProbeOutcome.DestinationReached, target, 3));
        var start = new DateTimeOffset(2026, 11, 25, 14, 0, 0, TimeSpan.Zero);
        var run = new TraceRun("target", target, ProbeMechanism.UdpErrorQueue, ProbeProtocol.Udp, start, start.AddSeconds(2), 2, statistics.Report());
        var output = new StringWriter();

        TraceJsonWriter.Write(output, run);

        var document = JsonDocument.Parse(output.ToString()).RootElement;
        Assert.Equal("udp_error_queue", document.GetProperty("mechanism").GetString());
        Assert.Equal("198.18.2.2", document.GetProperty("address").GetString());
        Assert.True(document.GetProperty("destination_reached").GetBoolean());
        var hops = document.GetProperty("hops");
        Assert.Equal(2, hops.GetArrayLength());
        Assert.Equal((1, 2, 1, 50.0, "rate_limited"), (hops[0].GetProperty("ttl").GetInt32(), hops[0].GetProperty("sent").GetInt32(), hops[0].GetProperty("received").GetInt32(), hops[0].GetProperty("loss_pct").GetDouble(), hops[0].GetProperty("loss_kind").GetString()));
        Assert.Equal("198.18.1.2", hops[0].GetProperty("hosts")[0].GetProperty("address").GetString());
        Assert.Equal((2.5, 2.0, 3.0, 1.0), (hops[1].GetProperty("avg_ms").GetDouble(), hops[1].GetProperty("best_ms").GetDouble(), hops[1].GetProperty("worst_ms").GetDouble(), hops[1].GetProperty("jitter_ms").GetDouble()));
        Assert.Equal("none", hops[1].GetProperty("loss_kind").GetString());
    }
}
