using System.Globalization;
using NetLens.Serve.Exposition;
using NetLens.Serve.Probing;

namespace NetLens.Serve.Continuous;

/// <summary>
/// The Prometheus side of the continuous trace rounds: per target and hop the sent/received counters (loss over any
/// window in PromQL), the last round's loss ratio (with its loss_kind) and round trips, the hop count, the path's id
/// and how often it changed. Only the last round's hops have gauges, so a hop that left the path leaves /metrics; a
/// target no longer listed loses every series.
/// </summary>
public sealed class ContinuousTraceMetrics
{
    public const string HopSentName = "netlens_trace_hop_sent_total";
    public const string HopReceivedName = "netlens_trace_hop_received_total";
    public const string HopLossName = "netlens_trace_hop_loss_ratio";
    public const string HopRttName = "netlens_trace_hop_rtt_seconds";
    public const string HopsName = "netlens_trace_hops";
    public const string PathInfoName = "netlens_trace_path_info";
    public const string PathChangesName = "netlens_trace_path_changes_total";
    public const string RoundsName = "netlens_trace_rounds_total";

    private readonly Lock _gate = new();
    private readonly Dictionary<ContinuousTarget, TraceTargetSeries> _series = [];

    /// <summary>Adds a round's result to the target's series; a target dropped meanwhile (a reload) is not brought back.</summary>
    public void Record(ContinuousTarget target, TraceRoundSummary round)
    {
        lock (_gate)
        {
            if (_series.TryGetValue(target, out var series))
            {
                _series[target] = series.After(round);
            }
        }
    }

    /// <summary>Keeps the series of these targets (new ones start empty), drops every other target's.</summary>
    public void Retain(IReadOnlyCollection<ContinuousTarget> targets)
    {
        lock (_gate)
        {
            var keep = targets.ToHashSet();
            foreach (var gone in _series.Keys.Where(t => !keep.Contains(t)).ToList())
            {
                _series.Remove(gone);
            }

            foreach (var target in keep)
            {
                _series.TryAdd(target, new TraceTargetSeries(target));
            }
        }
    }

    /// <summary>The targets' series as they are now (each an immutable value).</summary>
    public IReadOnlyList<TraceTargetSeries> Snapshot()
    {
        lock (_gate)
        {
            return [.. _series.Values];
        }
    }

    public void AddTo(MetricSet metrics) => Write(Snapshot(), metrics);

    /// <summary>Writes the series of targets with at least one round; none at all adds no family.</summary>
    public static void Write(IReadOnlyList<TraceTargetSeries> targets, MetricSet metrics)
    {
        var traced = targets.Where(t => t.Last is not null).ToList();
        if (traced.Count == 0)
        {
            return;
        }

        var sent = metrics.Counter(HopSentName, "Probes the continuous trace rounds sent at this hop (TTL) and address");
        var received = metrics.Counter(HopReceivedName, "Replies the continuous trace rounds received at this hop (TTL) from this address");
        var loss = metrics.Gauge(HopLossName, "Share of this hop's probes left unanswered in the last trace round; loss_kind: rate_limited (later hops lose less) or real (continues to the destination)");
        var rtt = metrics.Gauge(HopRttName, "Round trip of this hop's answered probes in the last trace round");
        var hops = metrics.Gauge(HopsName, "Hops to the target in the last trace round (the last hop seen when it was not reached)");
        var path = metrics.Gauge(PathInfoName, "1 for the path id (a hash of the hop addresses) of the last trace round");
        var changes = metrics.Counter(PathChangesName, "Trace rounds whose path id differed from the round before");
        var rounds = metrics.Counter(RoundsName, "Trace rounds done for the target");
        foreach (var series in traced)
        {
            var name = new KeyValuePair<string, string>("name", series.Target.Name);
            var target = new KeyValuePair<string, string>("target", series.Target.Address.ToString());
            foreach (var ((hop, address), (sentCount, receivedCount)) in series.Counters.OrderBy(c => c.Key.Hop).ThenBy(c => c.Key.Address, StringComparer.Ordinal))
            {
                KeyValuePair<string, string>[] labels = [name, target, new("hop", Text(hop)), new("address", address)];
                sent.Add(sentCount, labels);
                received.Add(receivedCount, labels);
            }

            var last = series.Last!;
            foreach (var hop in last.Hops)
            {
                KeyValuePair<string, string>[] labels = [name, target, new("hop", Text(hop.Hop)), new("address", hop.Address)];
                loss.Add(hop.Sent == 0 ? 1 : (double)(hop.Sent - hop.Received) / hop.Sent, [.. labels, new("loss_kind", TraceModuleProbe.LossKindLabel(hop.LossKind))]);
                if (hop.Received > 0)
                {
                    rtt.Add(hop.LastMs / 1000, [.. labels, new("stat", "last")]);
                    rtt.Add(hop.MinMs / 1000, [.. labels, new("stat", "min")]);
                    rtt.Add(hop.AvgMs / 1000, [.. labels, new("stat", "avg")]);
                    rtt.Add(hop.MaxMs / 1000, [.. labels, new("stat", "max")]);
                }
            }

            hops.Add(last.HopCount, [name, target]);
            path.Add(1, [name, target, new("path_id", last.PathId)]);
            changes.Add(series.PathChanges, [name, target]);
            rounds.Add(series.Rounds, [name, target]);
        }
    }

    private static string Text(int hop) => hop.ToString(CultureInfo.InvariantCulture);
}
