using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using NetLens.Serve.Continuous;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;

namespace NetLens.Serve.Otlp;

/// <summary>
/// The continuous prober's instruments pushed over OTLP/HTTP (protobuf) with the OpenTelemetry .NET SDK: counters
/// `netlens.probes.sent` and `netlens.probes.received` and the histogram `netlens.rtt` (seconds, smokeping's buckets),
/// with the attributes `target` and `name`. A collector's Prometheus exporter turns them into exactly the names
/// /metrics carries (netlens_probes_sent_total, netlens_rtt_seconds), so one dashboard reads both. Cumulative temporality,
/// as Prometheus expects. Built only when serve is asked for it: nothing of the SDK is on any one-shot command's path.
/// </summary>
public sealed class OtlpProbeRecorder : IProbeRecorder, IDisposable
{
    public const string MeterName = "netlens.serve";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _sent;
    private readonly Counter<long> _received;
    private readonly Histogram<double> _rtt;
    private readonly MeterProvider _provider;
    private readonly ConcurrentDictionary<ContinuousTarget, KeyValuePair<string, object?>[]> _tags = new();

    public OtlpProbeRecorder(OtlpSettings settings)
    {
        _sent = _meter.CreateCounter<long>("netlens.probes.sent", "{echo}", "Echoes sent to the target by the continuous prober");
        _received = _meter.CreateCounter<long>("netlens.probes.received", "{echo}", "Echo replies received from the target by the continuous prober");
        _rtt = _meter.CreateHistogram<double>("netlens.rtt", "s", "Round-trip time of the continuous prober's echoes");
        _provider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(MeterName)
            .AddView("netlens.rtt", new ExplicitBucketHistogramConfiguration { Boundaries = [.. RttBuckets.UpperBounds] })
            .AddOtlpExporter((exporter, reader) =>
            {
                exporter.Endpoint = settings.MetricsUrl;
                exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
                reader.TemporalityPreference = MetricReaderTemporalityPreference.Cumulative;
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)settings.Interval.TotalMilliseconds;
            })
            .Build();
    }

    public void Sent(ContinuousTarget target) => _sent.Add(1, Tags(target));

    public void Received(ContinuousTarget target, TimeSpan rtt)
    {
        var tags = Tags(target);
        _received.Add(1, tags);
        _rtt.Record(rtt.TotalSeconds, tags);
    }

    public void Dispose()
    {
        // A last export on the way out, so the final interval's echoes are not lost.
        _provider.ForceFlush(2000);
        _provider.Dispose();
        _meter.Dispose();
    }

    private ReadOnlySpan<KeyValuePair<string, object?>> Tags(ContinuousTarget target) =>
        _tags.GetOrAdd(target, t => [new("target", t.Address.ToString()), new("name", t.Name)]);
}
