using System.Collections.Concurrent;
using NetLens.Serve.Exposition;

namespace NetLens.Serve.Continuous;

/// <summary>
/// The Prometheus side of the continuous prober: per target `netlens_probes_sent_total`, `netlens_probes_received_total`
/// (loss is computed in PromQL from the two, as with smokeping_prober) and the `netlens_rtt_seconds` histogram, labelled
/// with the probed address (`target`) and the target as it was listed (`name`).
/// </summary>
public sealed class ContinuousMetrics : IProbeRecorder
{
    public const string SentName = "netlens_probes_sent_total";
    public const string ReceivedName = "netlens_probes_received_total";
    public const string RttName = "netlens_rtt_seconds";

    private readonly ConcurrentDictionary<ContinuousTarget, TargetSeries> _series = new();

    public void Sent(ContinuousTarget target) => Series(target).Sent();

    public void Received(ContinuousTarget target, TimeSpan rtt) => Series(target).Received(rtt);

    /// <summary>Drops the series of targets no longer probed, so a removed target's series go stale in Prometheus instead of freezing.</summary>
    public void Retain(IReadOnlyCollection<ContinuousTarget> targets)
    {
        var keep = targets.ToHashSet();
        foreach (var target in _series.Keys.Where(t => !keep.Contains(t)))
        {
            _series.TryRemove(target, out _);
        }

        foreach (var target in targets)
        {
            Series(target);
        }
    }

    public void AddTo(MetricSet metrics)
    {
        if (_series.IsEmpty)
        {
            return;
        }

        var sent = metrics.Counter(SentName, "Echoes sent to the target by the continuous prober");
        var received = metrics.Counter(ReceivedName, "Echo replies received from the target by the continuous prober");
        var rtt = metrics.Histogram(RttName, "Round-trip time of the continuous prober's echoes");
        foreach (var series in _series.Values)
        {
            var labels = Labels(series.Target);
            var (sentCount, receivedCount, sum, cumulative) = series.Read();
            sent.Add(sentCount, labels);
            received.Add(receivedCount, labels);
            rtt.Add(new HistogramSample(labels, RttBuckets.UpperBounds, cumulative, sum, receivedCount));
        }
    }

    private TargetSeries Series(ContinuousTarget target) => _series.GetOrAdd(target, t => new TargetSeries(t));

    private static KeyValuePair<string, string>[] Labels(ContinuousTarget target) =>
        [new("name", target.Name), new("target", target.Address.ToString())];
}
