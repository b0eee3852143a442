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
                "Mtr_Version,Start_Time,Status,Host,Hop,Ip,Loss%,Snt, ,Last,Avg,Best,Wrst,StDev,Loss_Kind",
                "NETLENS.0.1.0,1795616948,OK,198.18.4.2,1,198.18.1.2,50.00,2,0,0.12,0.12,0.12,0.12,0.00,rate_limited",
                "NETLENS.0.1.0,1795616948,OK,198.18.4.2,2,???,100.00,2,0,0.00,0.00,0.00,0.00,0.00,rate_limited",
                "NETLENS.0.1.0,1795616948,OK,198.18.4.2,3,198.18.4.2,0.00,2,0,3.00,2.50,2.00,3.00,0.71,none",
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
