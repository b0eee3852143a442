using NetLens.Serve.Exposition;

namespace NetLens.Cli.Tests.Serve;

public sealed class ExpositionFormatTests
{
    private const string Prometheus242Accept =
        "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    private static KeyValuePair<string, string> Label(string key, string value) => new(key, value);

    private static MetricSet Sample()
    {
        var metrics = new MetricSet();
        metrics.Counter("blackbox_module_unknown_total", "Count of unknown modules requested by probes").Set(3);
        metrics.Gauge("probe_icmp_duration_seconds", "Duration of icmp request by phase")
            .Set(0.000410348, Label("phase", "rtt"))
            .Set(1, Label("phase", "resolve"))
            .Set(0, Label("phase", "setup"));
        metrics.Histogram("probe_rtt_seconds", "Round-trip time")
            .SetHistogram(new HistogramSample([Label("host", "b")], [0.0001, 0.001, 1], [0, 2, 3], 0.0025, 4))
            .SetHistogram(new HistogramSample([Label("host", "a")], [5e-05, 1], [1, 1], 5e-05, 1));
        return metrics;
    }

    [Fact]
    public void Text_0_0_4_writes_counter_gauge_and_histogram_as_the_go_client()
    {
        Assert.Equal("""
            # HELP blackbox_module_unknown_total Count of unknown modules requested by probes
            # TYPE blackbox_module_unknown_total counter
            blackbox_module_unknown_total 3
            # HELP probe_icmp_duration_seconds Duration of icmp request by phase
            # TYPE probe_icmp_duration_seconds gauge
            probe_icmp_duration_seconds{phase="resolve"} 1
            probe_icmp_duration_seconds{phase="rtt"} 0.000410348
            probe_icmp_duration_seconds{phase="setup"} 0
            # HELP probe_rtt_seconds Round-trip time
            # TYPE probe_rtt_seconds histogram
            probe_rtt_seconds_bucket{host="a",le="5e-05"} 1
            probe_rtt_seconds_bucket{host="a",le="1"} 1
            probe_rtt_seconds_bucket{host="a",le="+Inf"} 1
            probe_rtt_seconds_sum{host="a"} 5e-05
            probe_rtt_seconds_count{host="a"} 1
            probe_rtt_seconds_bucket{host="b",le="0.0001"} 0
            probe_rtt_seconds_bucket{host="b",le="0.001"} 2
            probe_rtt_seconds_bucket{host="b",le="1"} 3
            probe_rtt_seconds_bucket{host="b",le="+Inf"} 4
            probe_rtt_seconds_sum{host="b"} 0.0025
            probe_rtt_seconds_count{host="b"} 4

            """.ReplaceLineEndings("\n"), TextExposition.Write(Sample()));
    }

    [Fact]
    public void OpenMetrics_strips_total_from_counter_family_adds_point_zero_and_ends_with_eof()
    {
        Assert.Equal("""
            # HELP blackbox_module_unknown Count of unknown modules requested by probes
            # TYPE blackbox_module_unknown counter
            blackbox_module_unknown_total 3.0
            # HELP probe_icmp_duration_seconds Duration of icmp request by phase
            # TYPE probe_icmp_duration_seconds gauge
            probe_icmp_duration_seconds{phase="resolve"} 1.0
            probe_icmp_duration_seconds{phase="rtt"} 0.000410348
            probe_icmp_duration_seconds{phase="setup"} 0.0
            # HELP probe_rtt_seconds Round-trip time
            # TYPE probe_rtt_seconds histogram
            probe_rtt_seconds_bucket{host="a",le="5e-05"} 1
            probe_rtt_seconds_bucket{host="a",le="1.0"} 1
            probe_rtt_seconds_bucket{host="a",le="+Inf"} 1
            probe_rtt_seconds_sum{host="a"} 5e-05
            probe_rtt_seconds_count{host="a"} 1
            probe_rtt_seconds_bucket{host="b",le="0.0001"} 0
            probe_rtt_seconds_bucket{host="b",le="0.001"} 2
            probe_rtt_seconds_bucket{host="b",le="1.0"} 3
            probe_rtt_seconds_bucket{host="b",le="+Inf"} 4
            probe_rtt_seconds_sum{host="b"} 0.0025
            probe_rtt_seconds_count{host="b"} 4
            # EOF

            """.ReplaceLineEndings("\n"), OpenMetricsExposition.Write(Sample()));
    }

    [Fact]
    public void OpenMetrics_types_a_counter_without_total_as_unknown_as_go_does()
    {
        var metrics = new MetricSet();
        metrics.Counter("odd_counter", "No suffix").Set(2);
        Assert.Equal("# HELP odd_counter No suffix\n# TYPE odd_counter unknown\nodd_counter 2.0\n# EOF\n", OpenMetricsExposition.Write(metrics));
    }

    [Fact]
    public void Histogram_with_its_own_inf_bucket_and_no_labels_is_written_once()
    {
        var metrics = new MetricSet();
        metrics.Histogram("h", "x").SetHistogram(new HistogramSample([], [0.5, double.PositiveInfinity], [1, 2], 1.5, 2));
        Assert.Equal(
            "# HELP h x\n# TYPE h histogram\nh_bucket{le=\"0.5\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 1.5\nh_count 2\n",
            TextExposition.Write(metrics));
    }

    [Theory]
    [InlineData(1, "1.0")]
    [InlineData(0, "0.0")]
    [InlineData(-1, "-1.0")]
    [InlineData(5e-05, "5e-05")]
    [InlineData(1e6, "1e+06")]
    [InlineData(123456, "123456.0")]
    [InlineData(0.25, "0.25")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    public void OpenMetrics_floats_follow_gos_write_open_metrics_float(double value, string expected) =>
        Assert.Equal(expected, OpenMetricsExposition.Float(value));

    [Theory]
    [InlineData(Prometheus242Accept, "application/openmetrics-text; version=1.0.0; charset=utf-8")]
    [InlineData("application/openmetrics-text", "application/openmetrics-text; version=1.0.0; charset=utf-8")]
    [InlineData("text/plain;version=0.0.4;q=0.9,application/openmetrics-text;q=0.5", "text/plain; version=0.0.4; charset=utf-8")]
    [InlineData("application/openmetrics-text;q=0,text/plain", "text/plain; version=0.0.4; charset=utf-8")]
    [InlineData("*/*", "text/plain; version=0.0.4; charset=utf-8")]
    [InlineData("", "text/plain; version=0.0.4; charset=utf-8")]
    [InlineData(null, "text/plain; version=0.0.4; charset=utf-8")]
    public void Accept_header_chooses_the_format(string? accept, string contentType) =>
        Assert.Equal(contentType, ExpositionFormat.Negotiate(accept).ContentType);
}
