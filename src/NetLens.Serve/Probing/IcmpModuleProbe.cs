using System.Text;
using NetLens.Core.Probing;
using NetLens.Linux.Probes;

namespace NetLens.Serve.Probing;

/// <summary>blackbox's icmp prober on netlens's echo probe: one echo, its phases timed (resolve, setup, rtt) and the reply's hop limit.</summary>
public static class IcmpModuleProbe
{
    // The payload blackbox sends, so a capture or a firewall rule reads the same from both.
    private static readonly byte[] Marker = Encoding.ASCII.GetBytes("Prometheus Blackbox Exporter");

    public static async Task<bool> RunAsync(ProbeContext probe, CancellationToken cancellation)
    {
        var durations = probe.Metrics.Gauge("probe_icmp_duration_seconds", "Duration of icmp request by phase");
        foreach (var phase in (string[])["resolve", "setup", "rtt"])
        {
            durations.Set(0, Phase(phase));
        }

        var (address, lookup) = await AddressChoice.ChooseAsync(probe.Target, probe.Module.Ip, probe.Metrics, probe.Log, cancellation).ConfigureAwait(false);
        if (address is null)
        {
            return false;
        }

        durations.Set(lookup, Phase("resolve"));
        if (!probe.Allowed(address))
        {
            return false;
        }

        var settings = probe.Module.Icmp;
        var payload = new byte[Math.Max(settings.PayloadSize, 0)];
        if (settings.PayloadSize == 0)
        {
            payload = Marker;
        }
        else
        {
            Marker.AsSpan(0, Math.Min(Marker.Length, payload.Length)).CopyTo(payload);
        }

        var request = new EchoProbeRequest(address)
        {
            Source = probe.Module.Ip.Source,
            Payload = payload,
            Ttl = settings.Ttl,
            DontFragment = settings.DontFragment,
            Timeout = probe.Remaining,
        };
        probe.Log.Debug("Creating socket");
        if (probe.Module.IcmpSeries.Count > 1)
        {
            return await IcmpSeriesProbe.RunAsync(probe, request, durations, cancellation).ConfigureAwait(false);
        }

        // The echo blocks on poll(): off the thread pool's async workers, on a thread of its own for that wait.
        var result = await Task.Factory.StartNew(() => EchoProbe.Send(request, probe.Network, cancellation), cancellation,
            TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
        durations.Set(result.Setup.TotalSeconds, Phase("setup"));
        probe.Log.Debug("Echo sent", ("mechanism", result.Mechanism == ProbeMechanism.RawSocket ? "raw_socket" : "icmp_datagram"));
        if (!result.Replied)
        {
            probe.Log.Error("Probe failed", ("err", result.Failure ?? "no reply"));
            return false;
        }

        durations.Set(result.RoundTrip.TotalSeconds, Phase("rtt"));
        if (result.ReplyHopLimit is { } hopLimit)
        {
            probe.Metrics.Gauge("probe_icmp_reply_hop_limit", "Replied packet hop limit (TTL for ipv4)").Set(hopLimit);
        }

        probe.Log.Debug("Found matching reply packet");
        return true;
    }

    private static KeyValuePair<string, string> Phase(string phase) => new("phase", phase);
}
