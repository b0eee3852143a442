using System.Net;
using NetLens.Cli.Output.Trace;
using NetLens.Core.Trace;

namespace NetLens.Cli.Tests.Trace;

public class MtrReportWriterTests
{
    private static HopReport Hop(int ttl, string? address, int sent, int received, double last = 0, double avg = 0, double best = 0, double worst = 0, double stdev = 0) => new()
    {
        Ttl = ttl,
        Hosts = address is null ? [] : [new HopHost(IPAddress.Parse(address), received, 100)],
        Sent = sent,
        Received = received,
        LossPercent = sent == 0 ? 0 : 100.0 * (sent - received) / sent,
        LastMs = last,
        AvgMs = avg,
        BestMs = best,
        WorstMs = worst,
        StDevMs = stdev,
        JitterMs = 0,
        ReachedDestination = false,
        LossKind = LossKind.None,
    };

    private static string Render(params HopReport[] hops)
    {
        var output = new StringWriter { NewLine = "\n" };
        MtrReportWriter.Write(output, "vm", new DateTimeOffset(2026, 11, 25, 14, 29, 8, TimeSpan.Zero), hops, h => h.Hosts[0].Address.ToString());
        return output.ToString();
    }

    [Fact]
    public void The_report_matches_mtrs_layout_byte_for_byte()
    {
        // Captured from mtr -r -n -c 3 on the lab chain with router 1's time-exceeded dropped (mtr-tiny 0.95).
        var expected = """
            Start: 2026-11-25T14:29:08+0000
            HOST: vm                          Loss%   Snt   Last   Avg  Best  Wrst StDev
              1.|-- ???                       100.0     3    0.0   0.0   0.0   0.0   0.0
              2.|-- 198.18.2.2                 0.0%     3    0.1   0.1   0.1   0.1   0.0

            """.Replace("\r", "", StringComparison.Ordinal);

        var report = Render(Hop(1, null, 3, 0), Hop(2, "198.18.2.2", 3, 3, 0.1, 0.1, 0.1, 0.1, 0.0));

        Assert.Equal(expected, report);
    }

    [Fact]
    public void Mtrs_own_example_row_comes_out_the_same()
    {
        var row = MtrReportWriter.Row(Hop(1, "198.18.1.2", 50, 50, 0.1, 0.1, 0.04, 0.2, 0.04), "198.18.1.2");

        Assert.Equal("  1.|-- 198.18.1.2                 0.0%    50    0.1   0.1   0.0   0.2   0.0", row);
    }

    [Fact]
    public void A_name_longer_than_the_column_is_cut_as_mtr_cuts_it()
    {
        var row = MtrReportWriter.Row(Hop(12, "2001:db8:1234:5678:9abc:def0:1234:5678", 10, 9, 12.25, 11.5, 10, 14, 1.5), "2001:db8:1234:5678:9abc:def0:1234:5678");

        // The name is cut at column 33; 12.25 rounds to even as printf does.
        Assert.Equal(" 12.|-- 2001:db8:1234:5678:9abc:d 10.0%    10   12.2  11.5  10.0  14.0   1.5", row);
    }

    [Fact]
    public void The_start_stamp_has_a_colonless_offset_like_strftime_z()
    {
        Assert.Equal("2026-01-02T03:04:05-0530", MtrReportWriter.StartStamp(new DateTimeOffset(2026, 1, 2, 3, 4, 5, new TimeSpan(-5, -30, 0))));
    }
}
