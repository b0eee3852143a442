using System.Net;
using NetLens.Core;
using NetLens.Linux.Namespaces;
using NetLens.Linux.Probes;
using NetLens.Serve.Config;

namespace NetLens.Serve.Continuous;

/// <summary>
/// Keeps the continuous prober's target list equal to the config's `continuous:` block: the listed targets plus every
/// file_sd file, re-read each second and compared by content (so an edit in place and a replacement by rename are both
/// seen, whatever their timestamps). A file that stops parsing keeps the targets it last gave, as Prometheus keeps a
/// failing file's groups; a file that disappears takes its targets with it.
/// </summary>
public sealed class ContinuousTargets : IDisposable
{
    private static readonly TimeSpan FileCheck = TimeSpan.FromSeconds(1);

    private readonly NetworkContext _network;
    private readonly TextWriter _log;
    private readonly Func<string, IPAddress[]> _lookup;
    private readonly Dictionary<string, (string Text, IReadOnlyList<string> Targets)> _files = new(StringComparer.Ordinal);
    private readonly Lock _refresh = new();
    private ContinuousSettings? _settings;
    private ContinuousProber? _prober;
    private Timer? _timer;
    private string[] _listed = [];
    private TimeSpan _interval;
    private HashSet<IPAddress> _addresses = [];
    private ContinuousTracer? _tracer;
    private ContinuousTraceSettings? _trace;

    private readonly IProbeRecorder _recorder;

    /// <summary>Probes in <paramref name="network"/>; names resolve with <paramref name="lookup"/>; echoes go to <see cref="Metrics"/> and to <paramref name="extra"/> (the OTLP exporter), logs to <paramref name="log"/>.</summary>
    public ContinuousTargets(NetworkContext network, TextWriter log, Func<string, IPAddress[]>? lookup = null, IProbeRecorder? extra = null)
    {
        _network = network;
        _log = log;
        _lookup = lookup ?? Dns.GetHostAddresses;
        _recorder = extra is null ? Metrics : new ProbeRecorders([Metrics, extra]);
    }

    public ContinuousMetrics Metrics { get; } = new();

    /// <summary>The per-hop series of the periodic trace rounds (`continuous: {trace: …}`).</summary>
    public ContinuousTraceMetrics TraceMetrics { get; } = new();

    /// <summary>Whether /probe may reach this address because it is a continuous target (the default allow-list).</summary>
    public bool IsTarget(IPAddress address) => Volatile.Read(ref _addresses).Contains(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    /// <summary>Takes the `continuous:` block of a (re)loaded config; null stops continuous probing.</summary>
    public void Configure(ContinuousSettings? settings)
    {
        lock (_refresh)
        {
            _settings = settings;
            if (settings is not null && _prober is null)
            {
                _prober = new ContinuousProber(EchoChannel.Open(_network), _recorder, _log);
                _prober.Start();
                _timer = new Timer(_ => Refresh(), null, FileCheck, FileCheck);
            }

            if (settings?.Trace is not null && _tracer is null)
            {
                _tracer = new ContinuousTracer(_network, TraceMetrics, _log);
                _tracer.Start();
            }
        }

        Refresh();
    }

    /// <summary>Re-reads the file_sd files; when the listed targets or the interval changed, resolves them and hands them over.</summary>
    public void Refresh()
    {
        if (!_refresh.TryEnter())
        {
            return;
        }

        try
        {
            if (_prober is null)
            {
                return;
            }

            var settings = _settings;
            var listed = settings is null ? [] : settings.Targets.Concat(ReadFiles(settings.FileSdFiles)).Distinct(StringComparer.Ordinal).ToArray();
            var interval = settings?.Interval ?? ContinuousSettings.DefaultInterval;
            if (listed.SequenceEqual(_listed, StringComparer.Ordinal) && interval == _interval && settings?.Trace == _trace)
            {
                return;
            }

            var targets = new List<ContinuousTarget>();
            var byAddress = new Dictionary<IPAddress, ContinuousTarget>();
            foreach (var entry in listed)
            {
                if (TargetResolution.Resolve(entry, _lookup, out var failure) is { } target)
                {
                    // One address, one series: a second name for it would split its echoes between two label sets.
                    if (!byAddress.TryAdd(target.Address, target))
                    {
                        var first = byAddress[target.Address];
                        Log($"continuous: target {entry} skipped: it is {target.Address}, already probed as {first.Name}");
                    }
                    else
                    {
                        targets.Add(target);
                    }
                }
                else
                {
                    Log($"continuous: target skipped: {failure}");
                }
            }

            _listed = listed;
            _interval = interval;
            Metrics.Retain(targets);
            Volatile.Write(ref _addresses, byAddress.Keys.ToHashSet());
            _prober.Apply(targets, interval);
            _trace = settings?.Trace;
            _tracer?.Apply(targets, _trace);
            Log($"continuous: {targets.Count} targets every {interval.TotalSeconds}s");
        }
        finally
        {
            _refresh.Exit();
        }
    }

    public void Dispose()
    {
        _timer?.Dispose();
        _tracer?.Dispose();
        _prober?.Dispose();
    }

    private IEnumerable<string> ReadFiles(IReadOnlyList<string> patterns)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var targets = new List<string>();
        foreach (var path in patterns.SelectMany(Expand))
        {
            if (!seen.Add(path))
            {
                continue;
            }

            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Log($"continuous: cannot read {InputText.Quote(path)}: {e.Message}");
                seen.Remove(path);
                continue;
            }

            if (!_files.TryGetValue(path, out var known) || known.Text != text)
            {
                try
                {
                    _files[path] = (text, FileSdParser.Parse(text, path));
                }
                catch (UsageException e)
                {
                    // The old groups stay, as Prometheus keeps them; the text is remembered so the error is said once.
                    Log($"continuous: {e.Message} (keeping its previous targets)");
                    _files[path] = (text, known.Targets ?? []);
                }
            }

            targets.AddRange(_files[path].Targets);
        }

        foreach (var gone in _files.Keys.Where(p => !seen.Contains(p)).ToList())
        {
            _files.Remove(gone);
        }

        return targets;
    }

    /// <summary>A path, or the files a `*` in its last part matches, sorted so the order is stable.</summary>
    private static IEnumerable<string> Expand(string pattern)
    {
        var name = Path.GetFileName(pattern);
        if (!name.Contains('*'))
        {
            return File.Exists(pattern) ? [pattern] : [];
        }

        var directory = Path.GetDirectoryName(pattern) is { Length: > 0 } d ? d : ".";
        return Directory.Exists(directory) ? Directory.GetFiles(directory, name).Order(StringComparer.Ordinal) : [];
    }

    private void Log(string line)
    {
        lock (_log)
        {
            _log.WriteLine($"netlens serve: {line}");
        }
    }
}
