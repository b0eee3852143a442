using System.Net;
using System.Text.Json;
using NetLens.Cli.Output.Trace;
using NetLens.Core.Probing;
using NetLens.Core.Trace;

namespace NetLens.Cli.Tests.Trace;

/// <summary>Every address that answered at a hop, with its share, its name and its MPLS labels, in the report and in JSON.</summary>
public class HostsReportTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 15, 16, 15, TimeSpan.Zero);
    private static readonly IPAddress RouterA = IPAddress.Parse("198.18.2.2");
    private static readonly IPAddress RouterB = IPAddress.Parse("198.18.3.2");

    /// <summary>Hop 1 one router; hop 2 answered by A in 3 rounds of 4 and by B once (B quoting an MPLS label); hop 3 the target.</summary>
    private static IReadOnlyList<HopReport> Hops()
    {
        var statistics = new TraceStatistics(5);
        for (var round = 0; round < 4; round++)
        {
            statistics.Add(new ProbeResult(round, 1, ProbeOutcome.HopReplied, IPAddress.Parse("198.18.1.2"), 0.1));
            statistics.Add(round == 1
                ? new ProbeResult(round, 2, ProbeOutcome.HopReplied, RouterB, 0.1) { Mpls = [new MplsLabel(24001, 0, false, 1), new MplsLabel(16, 0, true, 1)] }
                : new ProbeResult(round, 2, ProbeOutcome.HopReplied, RouterA, 0.1));
            statistics.Add(new ProbeResult(round, 3, ProbeOutcome.DestinationReached, IPAddress.Parse("198.18.9.9"), 0.1));
        }

        return statistics.Report();
    }

    private static string Report(bool mpls)
    {
        var output = new StringWriter { NewLine = "\n" };
        MtrReportWriter.Write(output, "vm", Start, Hops(), h => h.Hosts[0].Address.ToString(), a => a.ToString(), mpls);
        return output.ToString();
    }

    [Fact]
    public void Further_hosts_of_a_hop_follow_its_row_as_mtr_0_95_prints_them()
    {
        // Captured from mtr -r -n -c 20 (mtr-tiny 0.95) on a lab where router 1 splits packets between two routers,
        // with the numbers of this test's hops (mtr pads the further host's name to 33 columns, trailing spaces and all: 8 + 33 columns).
        var expected = $"""
            Start: 2026-11-25T15:16:15+0000
            HOST: vm                          Loss%   Snt   Last   Avg  Best  Wrst StDev
              1.|-- 198.18.1.2                 0.0%     4    0.1   0.1   0.1   0.1   0.0
              2.|-- 198.18.2.2                 0.0%     4    0.1   0.1   0.1   0.1   0.0
                    198.18.3.2{new string(' ', 23)}
              3.|-- 198.18.9.9                 0.0%     4    0.1   0.1   0.1   0.1   0.0

            """.Replace("\r", "", StringComparison.Ordinal);

        Assert.Equal(expected, Report(mpls: false));
    }

    [Fact]
    public void With_mpls_each_hosts_labels_follow_its_line_as_mtr_e_writes_them()
    {
        var lines = Report(mpls: true).Split('\n');

        Assert.Equal("        198.18.3.2                       ", lines[4]);
        Assert.Equal("       [MPLS: Lbl 24001 TC 0 S 0 TTL 1]", lines[5]);
        Assert.Equal("       [MPLS: Lbl 16 TC 0 S 1 TTL 1]", lines[6]);
        Assert.StartsWith("  3.|-- ", lines[7], StringComparison.Ordinal);
    }

    [Fact]
    public void Json_lists_every_host_with_its_share_name_and_labels()
    {
        var target = IPAddress.Parse("198.18.9.9");
        var run = new TraceRun("target", target, ProbeMechanism.UdpErrorQueue, ProbeProtocol.Udp, Start, Start.AddSeconds(1), 4, Hops());
        var output = new StringWriter();

        TraceJsonWriter.Write(output, run, a => a.Equals(RouterA) ? "ra.lab.example" : null);

        var hosts = JsonDocument.Parse(output.ToString()).RootElement.GetProperty("hops")[1].GetProperty("hosts");
        Assert.Equal(2, hosts.GetArrayLength());
        Assert.Equal(("198.18.2.2", "ra.lab.example", 3, 75.0), (hosts[0].GetProperty("address").GetString(), hosts[0].GetProperty("name").GetString(), hosts[0].GetProperty("replies").GetInt32(), hosts[0].GetProperty("share_pct").GetDouble()));
        Assert.False(hosts[0].TryGetProperty("mpls", out _));
        Assert.Equal(("198.18.3.2", 25.0), (hosts[1].GetProperty("address").GetString(), hosts[1].GetProperty("share_pct").GetDouble()));
        Assert.False(hosts[1].TryGetProperty("name", out _));
        var labels = hosts[1].GetProperty("mpls");
        Assert.Equal((24001, 0, 0, 1), (labels[0].GetProperty("label").GetInt32(), labels[0].GetProperty("exp").GetInt32(), labels[0].GetProperty("s").GetInt32(), labels[0].GetProperty("ttl").GetInt32()));
        Assert.Equal((16, 1), (labels[1].GetProperty("label").GetInt32(), labels[1].GetProperty("s").GetInt32()));
    }
}
