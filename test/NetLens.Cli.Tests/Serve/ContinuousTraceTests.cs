using System.Net;
using NetLens.Core;
using NetLens.Core.Probing;
using NetLens.Core.Trace;
using NetLens.Serve.Config;
using NetLens.Serve.Continuous;
using NetLens.Serve.Exposition;
using NetLens.Serve.Probing;

namespace NetLens.Cli.Tests.Serve;

public sealed class ContinuousTraceTests
{
    private static readonly ContinuousTarget Gateway = new("gw", IPAddress.Parse("198.18.4.2"));

    [Fact]
    public void The_trace_block_reads_every_key()
    {
        var trace = ServeConfigReader.Read("""
            continuous:
              targets: [198.18.4.2]
              trace:
                interval: 30s
                protocol: tcp
                count: 5
                max_hops: 12
                spacing: 500ms
                timeout: 1s
                port: 443
                concurrency: 2
            """, "c.yml").Continuous!.Trace;

        Assert.Equal(new ContinuousTraceSettings(TimeSpan.FromSeconds(30), ProbeProtocol.Tcp, 5, 12, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), 443, 2), trace);
        Assert.Equal(TimeSpan.FromSeconds(3), trace!.LongestRound);
    }

    [Fact]
    public void An_empty_trace_block_takes_the_defaults_and_without_one_there_are_no_rounds()
    {
        Assert.Equal(ContinuousTraceSettings.Default, ServeConfigReader.Read("continuous:\n  trace: {}\n", "c.yml").Continuous!.Trace);
        Assert.Equal((ushort)33434, ContinuousTraceSettings.Default.PortFor(null));
        Assert.Null(ServeConfigReader.Read("continuous:\n  targets: [198.18.4.2]\n", "c.yml").Continuous!.Trace);
    }

    [Theory]
    [InlineData("interval: 2s\n    count: 3\n    spacing: 1s\n    timeout: 1s", "c.yml:3: continuous trace: a round (count 3, spacing 1s, timeout 1s) can take 3s, longer than the interval of 2s")]
    [InlineData("protocol: sctp", "c.yml:3: continuous trace: protocol must be icmp, udp or tcp, not \"sctp\"")]
    [InlineData("count: 0", "continuous trace: count must be 1..1000, not 0")]
    [InlineData("max_hops: 256", "continuous trace: max_hops must be 1..255, not 256")]
    [InlineData("concurrency: 0", "continuous trace: concurrency must be 1..64, not 0")]
    [InlineData("protocol: icmp\n    port: 80", "continuous trace: port is for udp and tcp probes, not icmp")]
    [InlineData("interval: soon", "continuous trace: interval \"soon\" is not a duration")]
    [InlineData("intervall: 60s", "c.yml:3: continuous trace: unknown key \"intervall\"")]
    [InlineData("timeout: 0", "continuous trace: interval and timeout must be more than 0")]
    public void A_bad_trace_block_is_one_line_naming_the_file_and_line(string keys, string expected)
    {
        var error = Assert.Throws<UsageException>(() => ServeConfigReader.Read($"continuous:\n  trace:\n    {keys}\n", "c.yml"));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_path_change_is_counted_once_per_round_whose_path_differs_from_the_one_before()
    {
        // Given rounds over path A, A, B, B, A (the first round is no change).
        var a = Round(("198.18.1.2", 3, 3), ("198.18.2.2", 3, 3), ("198.18.4.2", 3, 3));
        var b = Round(("198.18.1.2", 3, 3), ("198.18.2.99", 3, 3), ("198.18.4.2", 3, 3));
        var series = new TraceTargetSeries(Gateway);

        // When they are applied in order,
        var states = new List<TraceTargetSeries>();
        foreach (var round in new[] { a, a, b, b, a })
        {
            series = series.After(round);
            states.Add(series);
        }

        // Then the changes count at the third and the fifth round only.
        Assert.Equal([0L, 0, 1, 1, 2], states.Select(s => s.PathChanges));
        Assert.Equal(5, series.Rounds);
        Assert.Equal(TracePathId.Of(["198.18.1.2", "198.18.2.99", "198.18.4.2"]), b.PathId);
        Assert.NotEqual(a.PathId, b.PathId);
    }

    [Fact]
    public void Counters_add_up_per_hop_and_address_across_rounds()
    {
        var series = new TraceTargetSeries(Gateway)
            .After(Round(("198.18.1.2", 3, 3), ("198.18.4.2", 3, 2)))
            .After(Round(("198.18.1.2", 3, 3), ("198.18.4.2", 3, 1)));

        Assert.Equal((6L, 6L), series.Counters[(1, "198.18.1.2")]);
        Assert.Equal((6L, 3L), series.Counters[(2, "198.18.4.2")]);
    }

    [Fact]
    public void After_a_reroute_the_gauges_show_only_the_new_hops_and_the_new_path_id_while_the_old_counters_stay()
    {
        // Given a target traced over path A, then over path B where hop 2 is another router.
        var metrics = new ContinuousTraceMetrics();
        metrics.Retain([Gateway]);
        var a = Round(("198.18.1.2", 3, 3), ("198.18.2.2", 3, 3), ("198.18.4.2", 3, 3));
        var b = Round(("198.18.1.2", 3, 3), ("198.18.2.99", 3, 2), ("198.18.4.2", 3, 3));
        metrics.Record(Gateway, a);
        metrics.Record(Gateway, b);

        // When /metrics is written,
        var text = Exposition(metrics);

        // Then the gauges are B's: hop 2 is the new address, the old one has no gauge left; path_info has B's id only.
        const string Labels = "name=\"gw\",target=\"198.18.4.2\"";
        Assert.Contains($"netlens_trace_hop_loss_ratio{{{Labels},hop=\"2\",address=\"198.18.2.99\",loss_kind=\"none\"}} 0.3333333333333333\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("netlens_trace_hop_loss_ratio{" + Labels + ",hop=\"2\",address=\"198.18.2.2\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("netlens_trace_hop_rtt_seconds{" + Labels + ",hop=\"2\",address=\"198.18.2.2\"", text, StringComparison.Ordinal);
        Assert.Contains($"netlens_trace_path_info{{{Labels},path_id=\"{b.PathId}\"}} 1\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain(a.PathId, text, StringComparison.Ordinal);
        Assert.Contains($"netlens_trace_path_changes_total{{{Labels}}} 1\n", text, StringComparison.Ordinal);
        Assert.Contains($"netlens_trace_rounds_total{{{Labels}}} 2\n", text, StringComparison.Ordinal);
        Assert.Contains($"netlens_trace_hops{{{Labels}}} 3\n", text, StringComparison.Ordinal);

        // And the counters of the address that left stay where they were; the new one's start from its round.
        Assert.Contains($"netlens_trace_hop_sent_total{{{Labels},hop=\"2\",address=\"198.18.2.2\"}} 3\n", text, StringComparison.Ordinal);
        Assert.Contains($"netlens_trace_hop_received_total{{{Labels},hop=\"2\",address=\"198.18.2.99\"}} 2\n", text, StringComparison.Ordinal);
        Assert.Contains($"netlens_trace_hop_sent_total{{{Labels},hop=\"1\",address=\"198.18.1.2\"}} 6\n", text, StringComparison.Ordinal);
        Assert.Contains($"netlens_trace_hop_rtt_seconds{{{Labels},hop=\"2\",address=\"198.18.2.99\",stat=\"avg\"}} 0.002\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_silent_hop_has_an_empty_address_full_loss_and_no_round_trips()
    {
        var metrics = new ContinuousTraceMetrics();
        metrics.Retain([Gateway]);
        metrics.Record(Gateway, Round(("198.18.1.2", 3, 3), ("", 3, 0), ("198.18.4.2", 3, 3)));

        var text = Exposition(metrics);

        Assert.Contains("netlens_trace_hop_loss_ratio{name=\"gw\",target=\"198.18.4.2\",hop=\"2\",address=\"\",loss_kind=\"none\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("netlens_trace_hop_received_total{name=\"gw\",target=\"198.18.4.2\",hop=\"2\",address=\"\"} 0\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("hop=\"2\",address=\"\",stat=", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_target_no_longer_listed_loses_every_series_and_a_late_round_does_not_bring_it_back()
    {
        var other = new ContinuousTarget("198.18.4.3", IPAddress.Parse("198.18.4.3"));
        var metrics = new ContinuousTraceMetrics();
        metrics.Retain([Gateway, other]);
        metrics.Record(Gateway, Round(("198.18.4.2", 3, 3)));
        metrics.Record(other, Round(("198.18.4.3", 3, 3)));

        metrics.Retain([other]);
        metrics.Record(Gateway, Round(("198.18.4.2", 3, 3)));
        var text = Exposition(metrics);

        Assert.DoesNotContain("name=\"gw\"", text, StringComparison.Ordinal);
        Assert.Contains("netlens_trace_rounds_total{name=\"198.18.4.3\",target=\"198.18.4.3\"} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_family_has_its_help_and_type_and_none_appear_before_a_round()
    {
        var metrics = new ContinuousTraceMetrics();
        metrics.Retain([Gateway]);
        Assert.DoesNotContain("netlens_trace_", Exposition(metrics), StringComparison.Ordinal);

        metrics.Record(Gateway, Round(("198.18.4.2", 3, 3)));
        var text = Exposition(metrics);

        foreach (var (name, type) in new[]
        {
            ("netlens_trace_hop_sent_total", "counter"), ("netlens_trace_hop_received_total", "counter"),
            ("netlens_trace_hop_loss_ratio", "gauge"), ("netlens_trace_hop_rtt_seconds", "gauge"), ("netlens_trace_hops", "gauge"),
            ("netlens_trace_path_info", "gauge"), ("netlens_trace_path_changes_total", "counter"), ("netlens_trace_rounds_total", "counter"),
        })
        {
            Assert.Contains($"# HELP {name} ", text, StringComparison.Ordinal);
            Assert.Contains($"# TYPE {name} {type}\n", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_round_summary_labels_each_hop_with_its_most_answering_address()
    {
        var run = new TraceRun("gw", Gateway.Address, ProbeMechanism.RawSocket, ProbeProtocol.Icmp, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 3,
        [
            Hop(1, LossKind.None, new HopHost(IPAddress.Parse("198.18.1.9"), 1, 33), new HopHost(IPAddress.Parse("198.18.1.2"), 2, 67)),
            Hop(2, LossKind.RateLimited),
        ]);

        var summary = TraceRoundSummary.From(run);

        Assert.Equal(["198.18.1.2", ""], summary.Hops.Select(h => h.Address));
        Assert.Equal(LossKind.RateLimited, summary.Hops[1].LossKind);
        Assert.Equal(2, summary.HopCount);
    }

    private static HopReport Hop(int ttl, LossKind loss, params HopHost[] hosts) => new()
    {
        Ttl = ttl,
        Hosts = hosts,
        Sent = 3,
        Received = hosts.Sum(h => h.Replies),
        LossPercent = 0,
        LastMs = 1,
        AvgMs = 1,
        BestMs = 1,
        WorstMs = 1,
        StDevMs = 0,
        JitterMs = 0,
        ReachedDestination = false,
        LossKind = loss,
    };

    private static string Exposition(ContinuousTraceMetrics metrics)
    {
        var set = new MetricSet();
        metrics.AddTo(set);
        return TextExposition.Write(set);
    }

    /// <summary>A round over these hops (TTL 1, 2, …), each answered probe 1..3 ms.</summary>
    private static TraceRoundSummary Round(params (string Address, int Sent, int Received)[] hops) =>
        new([.. hops.Select((h, i) => new TraceHopSample(i + 1, h.Address, h.Sent, h.Received, LossKind.None, 3, 1, 2, 3))]);
}
