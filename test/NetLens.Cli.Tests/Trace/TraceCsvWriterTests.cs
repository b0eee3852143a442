using System.Net;
using NetLens.Cli.Output.Trace;
using NetLens.Core.Probing;
using NetLens.Core.Trace;

namespace NetLens.Cli.Tests.Trace;

public class TraceCsvWriterTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 14, 29, 8, TimeSpan.Zero);

    private static string Render(TraceStatistics statistics, string target = "198.18.4.2")
    {
        var run = new TraceRun(target, IPAddress.Parse("198.18.4.2"), ProbeMechanism.RawSocket, ProbeProtocol.Icmp, Start, Start.AddSeconds(1), 2, statistics.Report());
        var output = new StringWriter { NewLine = "\n" };
        TraceCsvWriter.Write(output, run);
        return output.ToString();
    }

    [Fact]
    public void A_trace_that_went_silent_prints_the_silent_hop_as_mtr_and_says_it_did_not_reach_the_target()
    {
        var statistics = new TraceStatistics(30);
        statistics.Add(new ProbeResult(0, 1, ProbeOutcome.HopReplied, IPAddress.Parse("198.18.1.2"), 0.125));
        for (var ttl = 2; ttl <= 6; ttl++)
        {
            statistics.Add(ProbeResult.Lost(0, ttl));
        }

        var hops = statistics.Report();
        var run = new TraceRun("198.18.4.2", IPAddress.Parse("198.18.4.2"), ProbeMechanism.RawSocket, ProbeProtocol.Icmp, Start, Start.AddSeconds(1), 1, hops)
        {
            StopReason = TraceStop.Of(hops, 30, interrupted: false),
        };
        var output = new StringWriter { NewLine = "\n" };
        TraceCsvWriter.Write(output, run);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("NETLENS.0.1.0,1795616948,OK,198.18.4.2,2,???,100.00,1,0,0.00,0.00,0.00,0.00,0.00,real,no,silent_hops", lines[^1]);
        Assert.Equal(3, lines.Length);
        Assert.Equal("Destination 198.18.4.2 not reached: nothing answered past hop 1 (198.18.1.2); the probes stop after 5 silent hops, as mtr's do.", TraceStopWords.NotReached(run, 30));
    }

    [Fact]
    public void One_row_per_hop_after_a_header_in_mtrs_csv_columns_plus_the_loss_reading()
    {
        var statistics = new TraceStatistics(5);
        var router = IPAddress.Parse("198.18.1.2");
        var target = IPAddress.Parse("198.18.4.2");
        statistics.Add(new ProbeResult(0, 1, ProbeOutcome.HopReplied, router, 0.125));
        statistics.Add(ProbeResult.Lost(1, 1));
        statistics.Add(ProbeResult.Lost(0, 2));
        statistics.Add(ProbeResult.Lost(1, 2));
        statistics.Add(new ProbeResult(0, 3, ProbeOutcome.DestinationReached, target, 2));
        statistics.Add(new ProbeResult(1, 3, ProbeOutcome.DestinationReached, target, 3));

        var lines = Render(statistics).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(
            [
                "Mtr_Version,Start_Time,Status,Host,Hop,Ip,Loss%,Snt, ,Last,Avg,Best,Wrst,StDev,Loss_Kind,Reached,Stop_Reason",
                "NETLENS.0.1.0,1795616948,OK,198.18.4.2,1,198.18.1.2,50.00,2,0,0.12,0.12,0.12,0.12,0.00,rate_limited,yes,destination_reached",
                "NETLENS.0.1.0,1795616948,OK,198.18.4.2,2,???,100.00,2,0,0.00,0.00,0.00,0.00,0.00,rate_limited,yes,destination_reached",
                "NETLENS.0.1.0,1795616948,OK,198.18.4.2,3,198.18.4.2,0.00,2,0,3.00,2.50,2.00,3.00,0.71,none,yes,destination_reached",
            ],
            lines);
    }

    [Fact]
    public void A_target_name_with_a_comma_is_quoted()
    {
        var statistics = new TraceStatistics(1);
        statistics.Add(new ProbeResult(0, 1, ProbeOutcome.DestinationReached, IPAddress.Parse("198.18.4.2"), 1));

        var row = Render(statistics, "a,\"b\"").Split('\n')[1];

        Assert.Contains(",OK,\"a,\"\"b\"\"\",1,", row, StringComparison.Ordinal);
    }
}
