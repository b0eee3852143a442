using System.Diagnostics;
using NetLens.Core.Probing;
using NetLens.Linux.Probes;
using NetLens.Serve.Exposition;

namespace NetLens.Serve.Probing;

/// <summary>
/// icmp with count &gt; 1: echoes leave on a fixed schedule, interval apart, each on its own thread waiting for its reply
/// until the probe's deadline, so a lost echo never holds the next one back. probe_success is 1 when any echo is answered.
/// </summary>
public static class IcmpSeriesProbe
{
    private const string NoReply = "no echo reply";

    public static async Task<bool> RunAsync(ProbeContext probe, EchoProbeRequest request, MetricFamily durations, CancellationToken cancellation)
    {
        var series = probe.Module.IcmpSeries;
        var start = Stopwatch.GetTimestamp();
        var echoes = new List<Task<EchoProbeResult>>(series.Count);
        for (var i = 0; i < series.Count; i++)
        {
            var wait = series.Interval * i - Stopwatch.GetElapsedTime(start);
            try
            {
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellation).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }

            var echo = request with { Timeout = probe.Remaining };
            echoes.Add(Task.Factory.StartNew(() => EchoProbe.Send(echo, probe.Network, cancellation), CancellationToken.None,
                TaskCreationOptions.LongRunning, TaskScheduler.Default));
        }

        var results = await Task.WhenAll(echoes).ConfigureAwait(false);

        // An echo that failed before it left (socket refused, send error) is not a packet sent; its reason is logged.
        var sent = results.Where(r => r.Replied || r.Failure is null || r.Failure.StartsWith(NoReply, StringComparison.Ordinal)).ToList();
        if (results.FirstOrDefault(r => !r.Replied && r.Failure is not null && !r.Failure.StartsWith(NoReply, StringComparison.Ordinal)) is { } failed)
        {
            probe.Log.Error("Echo not sent", ("err", failed.Failure!));
        }

        var summary = EchoSeriesSummary.Of(sent.Select(r => r.Replied ? r.RoundTrip : (TimeSpan?)null).ToList());
        if (results.Length > 0)
        {
            durations.Set(results[0].Setup.TotalSeconds, Phase("setup"));
            probe.Log.Debug("Echoes sent", ("count", summary.Sent), ("mechanism", results[0].Mechanism == ProbeMechanism.RawSocket ? "raw_socket" : "icmp_datagram"));
        }

        probe.Metrics.Gauge("probe_icmp_packets_sent", "Echo requests sent in this probe").Set(summary.Sent);
        probe.Metrics.Gauge("probe_icmp_packets_received", "Echo replies received in this probe").Set(summary.Received);
        probe.Metrics.Gauge("probe_icmp_packet_loss_ratio", "Share of the echo requests of this probe left unanswered").Set(summary.LossRatio);
        if (summary.Received == 0)
        {
            probe.Log.Error("Probe failed", ("err", "no reply to any of the echoes"), ("sent", summary.Sent));
            return false;
        }

        durations.Set(summary.Average!.Value.TotalSeconds, Phase("rtt"));
        var rtt = probe.Metrics.Gauge("probe_icmp_rtt_seconds", "Round trip of the answered echoes of this probe");
        rtt.Set(summary.Min!.Value.TotalSeconds, Stat("min"));
        rtt.Set(summary.Average.Value.TotalSeconds, Stat("avg"));
        rtt.Set(summary.Max!.Value.TotalSeconds, Stat("max"));
        if (results.LastOrDefault(r => r.Replied)?.ReplyHopLimit is { } hopLimit)
        {
            probe.Metrics.Gauge("probe_icmp_reply_hop_limit", "Replied packet hop limit (TTL for ipv4)").Set(hopLimit);
        }

        probe.Log.Debug("Found matching reply packets", ("received", summary.Received), ("sent", summary.Sent));
        return true;
    }

    private static KeyValuePair<string, string> Phase(string phase) => new("phase", phase);

    private static KeyValuePair<string, string> Stat(string stat) => new("stat", stat);
}
