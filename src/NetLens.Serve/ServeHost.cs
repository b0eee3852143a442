using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using NetLens.Core;
using NetLens.Linux.Namespaces;
using NetLens.Serve.Config;
using NetLens.Serve.Continuous;
using NetLens.Serve.Exposition;
using NetLens.Serve.Http;
using NetLens.Serve.Otlp;
using NetLens.Serve.Probing;

namespace NetLens.Serve;

/// <summary>What `netlens serve` was asked for.</summary>
public sealed record ServeRequest(string ConfigPath, IPEndPoint Listen, string? Netns)
{
    /// <summary>Where to push the continuous prober's instruments over OTLP, or null for /metrics only.</summary>
    public OtlpSettings? Otlp { get; init; }

    /// <summary>
    /// Builds the OTLP sink for <see cref="Otlp"/>. The SDK lives outside this assembly (NetLens.Serve.Otlp, linked only
    /// into the netlens-otlp binary), so whoever has it passes it in.
    /// </summary>
    public Func<OtlpSettings, IProbeRecorder>? OtlpRecorder { get; init; }
}

/// <summary>
/// `netlens serve`: loads the config (a bad one stops here, before the port is taken), listens, and answers /probe,
/// /metrics and / until cancelled. Probes go out in the namespace of --netns; the listening socket stays where netlens runs.
/// </summary>
public sealed class ServeHost
{
    private readonly ConfigHolder _config;
    private readonly ProbeHandler _probes;
    private readonly TextWriter _log;
    private readonly Socket _listener;
    private readonly ContinuousTargets _continuous;
    private readonly ProbeLimiter _limits;

    private readonly IProbeRecorder? _otlp;

    private ServeHost(ConfigHolder config, Socket listener, NetworkContext network, TextWriter log, IProbeRecorder? otlp)
    {
        _config = config;
        _listener = listener;
        _log = log;
        _otlp = otlp;
        _continuous = new ContinuousTargets(network, log, extra: _otlp);
        _limits = new ProbeLimiter(() => _config.Current, TimeProvider.System);
        _probes = new ProbeHandler(() => _config.Current, network, _continuous.IsTarget, _limits);
    }

    public EndPoint LocalEndPoint => _listener.LocalEndPoint!;

    /// <summary>Reads the config and binds the port; throws <see cref="UsageException"/> for a bad config or address.</summary>
    public static ServeHost Start(ServeRequest request, TextWriter log)
    {
        var config = ServeConfigReader.ReadFile(request.ConfigPath);
        Socket listener;
        try
        {
            listener = HttpServer.Listen(request.Listen);
        }
        catch (SocketException e)
        {
            throw new UsageException($"cannot listen on {request.Listen}: {e.Message}");
        }

        log.WriteLine($"netlens serve: listening on http://{listener.LocalEndPoint}, {config.Modules.Count} modules, probe_allow: {(config.ProbeAllow.Count == 0 ? config.Continuous is null ? "none (every /probe target refused)" : "none (only the continuous targets)" : string.Join(", ", config.ProbeAllow))}");
        log.WriteLine($"netlens serve: limits: {LimitsText(config.Limits)}");
        foreach (var module in config.Modules.Values.Where(m => m.Unsupported is not null))
        {
            log.WriteLine($"netlens serve: module {module.Name}: {module.Unsupported}; it answers probe_success 0");
        }

        IProbeRecorder? recorder = null;
        if (request.Otlp is { } otlp)
        {
            recorder = request.OtlpRecorder?.Invoke(otlp) ?? throw new InvalidOperationException("OTLP push asked for without an OTLP recorder");
            log.WriteLine($"netlens serve: pushing the continuous instruments to {otlp.MetricsUrl} every {otlp.Interval.TotalSeconds}s (OTLP/HTTP)");
        }

        return new ServeHost(new ConfigHolder(config, request.ConfigPath, TimeProvider.System), listener, NetworkContext.For(request.Netns), log, recorder);
    }

    public async Task RunAsync(CancellationToken cancellation)
    {
        // SIGHUP reloads, as for blackbox_exporter and Prometheus; the signal's default (terminate) is cancelled.
        using var hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, signal =>
        {
            signal.Cancel = true;
            Reload("SIGHUP");
        });
        using (_listener)
        using (_otlp as IDisposable)
        using (_continuous)
        {
            _continuous.Configure(_config.Current.Continuous);
            await new HttpServer(_listener, HandleAsync, HttpLimitsNow).RunAsync(cancellation).ConfigureAwait(false);
        }
    }

    private static string LimitsText(LimitSettings l) => string.Create(CultureInfo.InvariantCulture,
        $"/probe {Rate(l.ProbesPerSecond, l.ProbesBurst)} in all, {Rate(l.TargetProbesPerSecond, l.TargetProbesBurst)} per target; head {l.MaxHeaderBytes} B, body {l.MaxBodyBytes} B, {l.MaxConnections} connections");

    private static string Rate(double perSecond, double burst) =>
        perSecond <= 0 ? "uncapped" : string.Create(CultureInfo.InvariantCulture, $"{perSecond}/s (burst {burst})");

    private HttpLimits HttpLimitsNow()
    {
        var limits = _config.Current.Limits;
        return new HttpLimits(limits.MaxHeaderBytes, limits.MaxBodyBytes, limits.MaxConnections);
    }

    private async Task<HttpAnswer> HandleAsync(HttpRequestHead request, CancellationToken cancellation)
    {
        if (request.Method == "POST" && request.Path != "/-/reload")
        {
            return new HttpAnswer(405, "text/plain; charset=utf-8", "Method Not Allowed\n");
        }

        switch (request.Path)
        {
            case "/-/reload":
                if (request.Method != "POST")
                {
                    return new HttpAnswer(405, "text/plain; charset=utf-8", "This endpoint requires a POST request.\n");
                }

                return Reload("/-/reload") is { } failure
                    ? new HttpAnswer(500, "text/plain; charset=utf-8", $"failed to reload config: {failure}\n")
                    : new HttpAnswer(200, "text/plain; charset=utf-8", "");
            case "/probe":
                var answer = await _probes.HandleAsync(request.Query, request.Headers.GetValueOrDefault("X-Prometheus-Scrape-Timeout-Seconds"), request.Headers.GetValueOrDefault("Accept"), cancellation).ConfigureAwait(false);
                if (answer.Log is { } lines)
                {
                    lock (_log)
                    {
                        _log.Write(lines);
                    }
                }

                return new HttpAnswer(answer.Status, answer.ContentType, answer.Body) { RetryAfterSeconds = answer.RetryAfterSeconds };
            case "/metrics":
                var metrics = new MetricSet();
                ProcessMetrics.AddTo(metrics);
                metrics.Counter("blackbox_module_unknown_total", "Count of unknown modules requested by probes").Set(_probes.UnknownModules);
                ReloadMetrics.AddTo(metrics, _config);
                _limits.AddTo(metrics);
                _continuous.Metrics.AddTo(metrics);
                _continuous.TraceMetrics.AddTo(metrics);
                var format = ExpositionFormat.Negotiate(request.Headers.GetValueOrDefault("Accept"));
                return new HttpAnswer(200, format.ContentType, format.Write(metrics));
            case "/":
                return new HttpAnswer(200, "text/html; charset=utf-8",
                    "<html><head><title>netlens serve</title></head><body><h1>netlens serve</h1><p><a href=\"/metrics\">Metrics</a></p><p>/probe?target=ADDRESS&amp;module=NAME</p></body></html>\n");
            default:
                return new HttpAnswer(404, "text/plain; charset=utf-8", "404 page not found\n");
        }
    }

    /// <summary>Re-reads the config; a bad one keeps the old running and says why in the log (and in the reload gauges).</summary>
    private string? Reload(string trigger)
    {
        var failure = _config.Reload();
        if (failure is null)
        {
            _continuous.Configure(_config.Current.Continuous);
        }

        lock (_log)
        {
            _log.WriteLine(failure is null
                ? $"netlens serve: config reloaded ({trigger}), {_config.Current.Modules.Count} modules"
                : $"netlens serve: config reload ({trigger}) failed, the old config keeps running: {failure}");
        }

        return failure;
    }
}
