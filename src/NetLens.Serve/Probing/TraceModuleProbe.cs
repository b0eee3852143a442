using System.Globalization;
using NetLens.Core;
using NetLens.Core.Trace;
using NetLens.Engines.Trace;

namespace NetLens.Serve.Probing;

/// <summary>
/// netlens's trace module: one trace per scrape on the trace command's session, its hops as per-hop gauges labelled
/// with the hop's TTL, its address and the path's id. The rounds stop at the probe's deadline; what was whole by then
/// is reported (a round cut short is left out, not counted as lost). probe_success: the destination answered.
/// </summary>
public static class TraceModuleProbe
{
    /// <summary>The trace command's per-probe wait ceiling; shorter when the scrape leaves less after the last round starts.</summary>
    private static readonly TimeSpan ProbeWait = TimeSpan.FromSeconds(2);

    /// <summary>Room kept before the deadline to write the metrics of what was gathered.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(50);

    public static async Task<bool> RunAsync(ProbeContext probe, CancellationToken cancellation)
    {
        var settings = probe.Module.Trace;
        var (address, _) = await AddressChoice.ChooseAsync(probe.Target, probe.Module.Ip, probe.Metrics, probe.Log, cancellation).ConfigureAwait(false);
        if (address is null || !probe.Allowed(address))
        {
            return false;
        }

        var hopsMetric = probe.Metrics.Gauge("probe_trace_hops", "Hops to the destination (the last hop seen when it was not reached)").Set(0);
        var budget = probe.Remaining - Margin;
        var lastRoundStart = settings.Interval * (settings.Count - 1);
        var wait = budget - lastRoundStart;
        var request = new TraceRequest
        {
            Target = probe.Target,
            Address = address,
            Protocol = settings.Protocol,
            Port = settings.PortFor(settings.Protocol),
            Rounds = settings.Count,
            Interval = settings.Interval,
            Timeout = wait > ProbeWait ? ProbeWait : wait > TimeSpan.FromMilliseconds(10) ? wait : TimeSpan.FromMilliseconds(10),
            MaxHops = settings.MaxHops,
            Network = probe.Network,
        };

        TraceSession session;
        try
        {
            session = TraceSession.Open(request);
        }
        catch (Exception e) when (e is UsageException or LocalFirewallException or IOException or UnauthorizedAccessException or System.Net.Sockets.SocketException)
        {
            probe.Log.Error("Trace could not start", ("err", e.Message));
            return false;
        }

        TraceRun run;
        using (session)
        {
            probe.Log.Debug("Trace started", ("mechanism", session.Mechanism), ("protocol", session.Flow.Protocol.ToString().ToLowerInvariant()), ("count", settings.Count));
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            deadline.CancelAfter(budget > TimeSpan.Zero ? budget : TimeSpan.FromMilliseconds(1));

            // Cancelled, the session ends its stream after the last whole round: no exception, the rounds so far stay.
            await foreach (var _ in session.RunAsync(deadline.Token).ConfigureAwait(false))
            {
            }

            run = session.Result();
        }

        if (run.Rounds < settings.Count)
        {
            probe.Log.Error("Trace cut at the deadline", ("rounds", run.Rounds), ("count", settings.Count));
        }

        Write(probe, run, hopsMetric);
        if (!run.Reached)
        {
            probe.Log.Error("Destination not reached", ("stop", run.StopReason), ("hops", run.Hops.Count));
        }

        return run.Reached;
    }

    private static void Write(ProbeContext probe, TraceRun run, Exposition.MetricFamily hopsMetric)
    {
        var metrics = probe.Metrics;
        var sent = metrics.Gauge("probe_trace_hop_sent", "Probes sent at this hop in this trace");
        var received = metrics.Gauge("probe_trace_hop_received", "Replies received at this hop in this trace");
        var loss = metrics.Gauge("probe_trace_hop_loss_ratio", "Share of this hop's probes left unanswered; loss_kind: rate_limited (later hops lose less) or real (continues to the destination)");
        var rtt = metrics.Gauge("probe_trace_hop_rtt_seconds", "Round trip of this hop's answered probes");
        var addresses = run.Hops.Select(MainAddress).ToList();
        var pathId = TracePathId.Of(addresses);
        for (var i = 0; i < run.Hops.Count; i++)
        {
            var hop = run.Hops[i];
            var hopText = hop.Ttl.ToString(CultureInfo.InvariantCulture);
            KeyValuePair<string, string>[] labels = [new("hop", hopText), new("address", addresses[i]), new("path_id", pathId)];
            sent.Set(hop.Sent, labels);
            received.Set(hop.Received, labels);
            loss.Set(hop.Sent == 0 ? 1 : (double)(hop.Sent - hop.Received) / hop.Sent, [.. labels, new("loss_kind", LossKindLabel(hop.LossKind))]);
            if (hop.Received > 0)
            {
                rtt.Set(hop.LastMs / 1000, [.. labels, new("stat", "last")]);
                rtt.Set(hop.BestMs / 1000, [.. labels, new("stat", "min")]);
                rtt.Set(hop.AvgMs / 1000, [.. labels, new("stat", "avg")]);
                rtt.Set(hop.WorstMs / 1000, [.. labels, new("stat", "max")]);
                rtt.Set(hop.StDevMs / 1000, [.. labels, new("stat", "stddev")]);
            }

            if (hop.Unreachable && hop.Code is { } code)
            {
                metrics.Gauge("probe_trace_unreachable", "1 when a router answered that the destination cannot be reached (mark as traceroute's: !H, !N, !X…)")
                    .Set(1, new("hop", hopText), new("mark", code.Mark ?? string.Create(CultureInfo.InvariantCulture, $"!{code.Code}")));
            }
        }

        hopsMetric.Set(run.Hops.Count > 0 ? run.Hops[^1].Ttl : 0);
        probe.Log.Debug("Trace done", ("rounds", run.Rounds), ("hops", run.Hops.Count), ("path_id", pathId));
    }

    /// <summary>
    /// The hop's address for its labels: the one with most replies, a tie to the lowest. Behind ECMP the first seen (the
    /// report's pick) changes from scrape to scrape; this one changes only when the share does, so path_id stays put.
    /// </summary>
    internal static string MainAddress(HopReport hop) =>
        hop.Hosts.Count == 0 ? ""
        : hop.Hosts.Select(h => (h.Replies, Text: h.Address.ToString())).OrderByDescending(h => h.Replies).ThenBy(h => h.Text, StringComparer.Ordinal).First().Text;

    internal static string LossKindLabel(LossKind kind) => kind switch
    {
        LossKind.RateLimited => "rate_limited",
        LossKind.Real => "real",
        _ => "none",
    };
}
