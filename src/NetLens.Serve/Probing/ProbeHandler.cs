using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using NetLens.Linux.Namespaces;
using NetLens.Serve.Config;
using NetLens.Serve.Exposition;

namespace NetLens.Serve.Probing;

/// <summary>What /probe answered: the HTTP status, the body and its type, and the log lines for the exporter's own log.</summary>
public sealed record ProbeAnswer(int Status, string ContentType, string Body, string? Log)
{
    /// <summary>For a 429: whole seconds until the cap has a token again (the Retry-After header).</summary>
    public int? RetryAfterSeconds { get; init; }
}

/// <summary>
/// /probe?target=…&amp;module=… as blackbox_exporter's handler: the module's timeout bounded by Prometheus's scrape
/// timeout header less an offset, probe_success and probe_duration_seconds around the prober's own metrics, and
/// &amp;debug=true for the log, the metrics and the module instead of the metrics alone.
/// </summary>
public sealed class ProbeHandler(Func<ServeConfig> config, NetworkContext network, Func<IPAddress, bool>? alsoAllowed = null, ProbeLimiter? limiter = null)
{
    /// <summary>Blackbox's --timeout-offset default: room left in the scrape for the answer to travel.</summary>
    public const double TimeoutOffsetSeconds = 0.5;

    private long _unknownModules;

    public long UnknownModules => Interlocked.Read(ref _unknownModules);

    public Task<ProbeAnswer> HandleAsync(IReadOnlyDictionary<string, string> query, string? scrapeTimeoutHeader, CancellationToken cancellation) =>
        HandleAsync(query, scrapeTimeoutHeader, accept: null, cancellation);

    /// <summary>As blackbox's /probe; the Accept header picks text 0.0.4 or OpenMetrics for the answer (the debug page stays text).</summary>
    public async Task<ProbeAnswer> HandleAsync(IReadOnlyDictionary<string, string> query, string? scrapeTimeoutHeader, string? accept, CancellationToken cancellation)
    {
        var current = config();
        var moduleName = query.GetValueOrDefault("module") is { Length: > 0 } m ? m : "http_2xx";
        if (!current.Modules.TryGetValue(moduleName, out var module))
        {
            Interlocked.Increment(ref _unknownModules);
            return Text(400, $"Unknown module \"{moduleName}\"\n");
        }

        if (!TryTimeout(scrapeTimeoutHeader, module, out var timeoutSeconds))
        {
            return Text(500, $"Failed to parse timeout from Prometheus header: {scrapeTimeoutHeader}\n");
        }

        if (query.GetValueOrDefault("target") is not { Length: > 0 } target)
        {
            return Text(400, "Target parameter is missing\n");
        }

        if (limiter is not null && !limiter.TryGlobal(out var wait))
        {
            return OverCap(moduleName, target, "probes_per_second", wait);
        }

        var probe = new ProbeContext(target, module, current, network, TimeSpan.FromSeconds(timeoutSeconds), alsoAllowed, limiter);
        var success = probe.Metrics.Gauge("probe_success", "Displays whether or not the probe was a success").Set(0);
        var duration = probe.Metrics.Gauge("probe_duration_seconds", "Returns how long the probe took to complete in seconds").Set(0);
        probe.Log.Info("Beginning probe", ("probe", module.Prober.ConfigName()), ("timeout_seconds", timeoutSeconds));
        var start = Stopwatch.GetTimestamp();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(TimeSpan.FromSeconds(timeoutSeconds));
        bool ok;
        try
        {
            ok = module.Unsupported is { } reason ? Unsupported(probe, reason) : module.Prober switch
            {
                ProberKind.Icmp => await IcmpModuleProbe.RunAsync(probe, deadline.Token).ConfigureAwait(false),
                ProberKind.Trace => await TraceModuleProbe.RunAsync(probe, deadline.Token).ConfigureAwait(false),
                ProberKind.Udp => await UdpModuleProbe.RunAsync(probe, deadline.Token).ConfigureAwait(false),
                ProberKind.TcpSyn => await TcpSynModuleProbe.RunAsync(probe, deadline.Token).ConfigureAwait(false),
                _ => await TcpModuleProbe.RunAsync(probe, deadline.Token).ConfigureAwait(false),
            };
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            probe.Log.Error("Probe timed out", ("timeout_seconds", timeoutSeconds));
            ok = false;
        }

        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        duration.Set(seconds);
        success.Set(ok ? 1 : 0);
        if (ok)
        {
            probe.Log.Info("Probe succeeded", ("duration_seconds", seconds));
        }
        else
        {
            probe.Log.Error("Probe failed", ("duration_seconds", seconds));
        }

        if (probe.OverTargetCap is { } targetWait)
        {
            return OverCap(moduleName, target, "target_probes_per_second", targetWait);
        }

        if (probe.Refused)
        {
            limiter?.Refused(ProbeRefusal.NotAllowed);
            // Refused before any packet: the scraper hears it as an error, not as a down target.
            return new ProbeAnswer(403, "text/plain; charset=utf-8", $"Target \"{target}\" is outside probe_allow\n", probe.Log.Text);
        }

        var metrics = TextExposition.Write(probe.Metrics);
        if (query.GetValueOrDefault("debug") == "true")
        {
            return new ProbeAnswer(200, "text/plain", Debug(probe, metrics), null);
        }

        var format = ExpositionFormat.Negotiate(accept);
        return new ProbeAnswer(200, format.ContentType, format == ExpositionFormat.Text ? metrics : format.Write(probe.Metrics), ok ? null : probe.Log.Text);
    }

    /// <summary>Blackbox's getTimeout: the scrape header (120 s without it) less the offset, or the module's timeout when shorter.</summary>
    internal static bool TryTimeout(string? header, ProbeModule module, out double seconds)
    {
        seconds = 0;
        if (!string.IsNullOrEmpty(header) && !double.TryParse(header, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds))
        {
            return false;
        }

        if (seconds == 0)
        {
            seconds = 120;
        }

        var max = seconds - TimeoutOffsetSeconds;
        var configured = module.Timeout.TotalSeconds;
        seconds = (configured < max && configured > 0) || max < 0 ? configured : max;
        return true;
    }

    private static bool Unsupported(ProbeContext probe, string reason)
    {
        probe.Log.Error(reason, ("module", probe.Module.Name));
        return false;
    }

    private static string Debug(ProbeContext probe, string metrics)
    {
        var text = new StringBuilder();
        text.Append("Logs for the probe:\n").Append(probe.Log.Text).Append("\n\n\nMetrics that would have been returned:\n").Append(metrics);
        text.Append("\n\n\nModule configuration:\n");
        var module = probe.Module;
        text.Append(CultureInfo.InvariantCulture, $"prober: {module.Prober.ConfigName()}\n");
        if (module.Timeout > TimeSpan.Zero)
        {
            text.Append(CultureInfo.InvariantCulture, $"timeout: {module.Timeout.TotalSeconds}s\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"preferred_ip_protocol: {module.Ip.PreferredProtocol}\nip_protocol_fallback: {(module.Ip.Fallback ? "true" : "false")}\n");
        if (module.Ip.Source is { } source)
        {
            text.Append(CultureInfo.InvariantCulture, $"source_ip_address: {source}\n");
        }

        if (module.Prober == ProberKind.Icmp)
        {
            text.Append(CultureInfo.InvariantCulture, $"icmp:\n  payload_size: {module.Icmp.PayloadSize}\n  dont_fragment: {(module.Icmp.DontFragment ? "true" : "false")}\n  ttl: {module.Icmp.Ttl}\n");
            if (module.IcmpSeries.Count > 1)
            {
                text.Append(CultureInfo.InvariantCulture, $"  count: {module.IcmpSeries.Count}\n  interval: {module.IcmpSeries.Interval.TotalSeconds}s\n");
            }
        }

        if (module.Prober == ProberKind.Trace)
        {
            text.Append(TraceModuleDebug.Describe(module.Trace));
        }

        if (module.Prober == ProberKind.Udp)
        {
            text.Append(CultureInfo.InvariantCulture, $"udp:\n  expect_reply: {(module.Udp.ExpectReply ? "true" : "false")}\n");
        }

        return text.ToString();
    }

    /// <summary>A 429 before any packet: one log line, and Retry-After in whole seconds (at least 1) as RFC 9110 has it.</summary>
    private static ProbeAnswer OverCap(string module, string target, string cap, TimeSpan wait)
    {
        var seconds = (int)Math.Clamp(Math.Ceiling(wait.TotalSeconds), 1, int.MaxValue);
        var log = new ProbeLog(module, target);
        log.Error("Probe refused: over the rate cap", ("limit", cap), ("retry_after_seconds", seconds));
        return new ProbeAnswer(429, "text/plain; charset=utf-8", $"Too many probes: over {cap}, retry in {seconds}s\n", log.Text) { RetryAfterSeconds = seconds };
    }

    private static ProbeAnswer Text(int status, string body) => new(status, "text/plain; charset=utf-8", body, null);
}
