using System.Net;
using NetLens.Cli.Output.Trace;
using NetLens.Core.Probing;
using NetLens.Core.Trace;

namespace NetLens.Cli.Tests.Trace;

public class TraceFlowWordsTests
{
    [Fact]
    public void A_hop_where_flows_met_different_routers_is_told_with_each_routers_flows()
    {
        var statistics = new TraceStatistics(2);
        var a = IPAddress.Parse("198.18.2.2");
        var b = IPAddress.Parse("198.18.12.2");
        statistics.Add(new ProbeResult(0, 1, ProbeOutcome.HopReplied, a, 1, Flow: 0));
        statistics.Add(new ProbeResult(0, 1, ProbeOutcome.HopReplied, b, 1, Flow: 1));
        statistics.Add(new ProbeResult(0, 1, ProbeOutcome.HopReplied, a, 1, Flow: 2));

        var hop = statistics.Report()[0];

        Assert.Equal("hop 1: 2 parallel paths: 198.18.2.2 (flows 0,2), 198.18.12.2 (flow 1).", TraceFlowWords.ParallelPaths(hop, flows: 3));
        Assert.Null(TraceFlowWords.ParallelPaths(hop, flows: 1));
    }

    [Fact]
    public void Verbose_names_the_ports_of_every_flow()
    {
        var target = IPAddress.Parse("198.18.4.2");
        TraceFlow[] flows = [new() { Protocol = ProbeProtocol.Tcp, Target = target, SourcePort = 40000, DestinationPort = 80 }, new() { Protocol = ProbeProtocol.Tcp, Target = target, SourcePort = 40002, DestinationPort = 80 }];

        Assert.Equal("TCP SYN to port 80 from port 40000,40002 (2 flows)", TraceFlowWords.Describe(ProbeMechanism.RawSocket, flows));
        Assert.Equal("TCP SYN to port 80 from port 40000 (one constant flow)", TraceFlowWords.Describe(ProbeMechanism.RawSocket, flows[..1]));
    }
}
