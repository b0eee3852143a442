using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using NetLens.Core;
using NetLens.Engines.Trace;
using NetLens.Linux.Namespaces;
using NetLens.Serve.Config;

namespace NetLens.Serve.Continuous;

/// <summary>
/// Runs the continuous targets' trace rounds on a thread of its own, apart from the echo prober's: each target once an
/// interval at a random phase (the echo prober's <see cref="ProbeSchedule"/>, so rounds of different targets spread
/// out), at most the configured number of rounds at a time, each on the trace command's session. A target whose slot
/// comes while every round slot is busy waits for the next free one; one still tracing when its slot comes skips it.
/// </summary>
public sealed class ContinuousTracer : IDisposable
{
    private static readonly TimeSpan LongestSleep = TimeSpan.FromMilliseconds(500);

    private readonly NetworkContext _network;
    private readonly ContinuousTraceMetrics _metrics;
    private readonly TextWriter _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly AutoResetEvent _wake = new(false);
    private readonly Thread _thread;
    private readonly Dictionary<ContinuousTarget, Task> _running = [];
    private readonly Dictionary<ContinuousTarget, string> _failures = [];
    private Update? _pending;
    private ContinuousTarget[] _targets = [];
    private ContinuousTraceSettings? _settings;
    private ProbeSchedule _schedule = new(0, 1, 0, Random.Shared);

    public ContinuousTracer(NetworkContext network, ContinuousTraceMetrics metrics, TextWriter log)
    {
        _network = network;
        _metrics = metrics;
        _log = log;
        _thread = new Thread(Run) { IsBackground = true, Name = "netlens continuous tracer" };
    }

    public void Start() => _thread.Start();

    /// <summary>Replaces the targets and settings (from any thread); null settings stop the rounds. Targets kept keep their series.</summary>
    public void Apply(IReadOnlyList<ContinuousTarget> targets, ContinuousTraceSettings? settings)
    {
        _metrics.Retain(settings is null ? [] : targets);
        Volatile.Write(ref _pending, new Update(targets, settings));
        _wake.Set();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _wake.Set();
        if (_thread.IsAlive)
        {
            _thread.Join();
        }

        _stop.Dispose();
        _wake.Dispose();
    }

    private void Run()
    {
        while (!_stop.IsCancellationRequested)
        {
            if (Interlocked.Exchange(ref _pending, null) is { } update)
            {
                Rebuild(update);
            }

            Collect();
            var now = Stopwatch.GetTimestamp();
            while (_settings is { } settings && _running.Count < settings.Concurrency && _schedule.TryTakeDue(now, out var index))
            {
                var target = _targets[index];
                if (!_running.ContainsKey(target))
                {
                    var token = _stop.Token;
                    _running[target] = Task.Factory.StartNew(() => Round(target, settings, token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
                }
            }

            // A full house waits for a round to end (it wakes us); otherwise until the next slot.
            var wait = _settings is { } s && _running.Count >= s.Concurrency ? LongestSleep
                : _schedule.NextDue is { } due ? Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due) : LongestSleep;
            if (wait > TimeSpan.Zero)
            {
                _wake.WaitOne(wait < LongestSleep ? wait : LongestSleep);
            }
        }

        // Rounds see the stop token and end after their last whole pass; a faulted one was already said or no longer matters.
        foreach (var task in _running.Values)
        {
            task.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).Wait();
        }
    }

    private void Rebuild(Update update)
    {
        _settings = update.Settings;
        _targets = update.Settings is null ? [] : [.. update.Targets];
        var interval = update.Settings?.Interval ?? TimeSpan.FromSeconds(1);
        _schedule = new ProbeSchedule(_targets.Length, (long)(interval.TotalSeconds * Stopwatch.Frequency), Stopwatch.GetTimestamp(), Random.Shared);
        if (update.Settings is { } settings)
        {
            Log(string.Create(CultureInfo.InvariantCulture, $"continuous: a trace round to each of {_targets.Length} targets every {settings.Interval.TotalSeconds}s, at most {settings.Concurrency} at a time"));
        }
    }

    /// <summary>Forgets the rounds that ended; one that failed unexpectedly is said in the log.</summary>
    private void Collect()
    {
        foreach (var (target, task) in _running.Where(r => r.Value.IsCompleted).ToList())
        {
            _running.Remove(target);
            if (task.Exception is { } e)
            {
                Log($"continuous: trace round to {target.Address} failed: {e.InnerException?.Message ?? e.Message}");
            }
        }
    }

    private void Round(ContinuousTarget target, ContinuousTraceSettings settings, CancellationToken cancellation)
    {
        try
        {
            var request = new TraceRequest
            {
                Target = target.Name,
                Address = target.Address,
                Protocol = settings.Protocol,
                Port = settings.PortFor(settings.Protocol),
                Rounds = settings.Count,
                Interval = settings.Spacing,
                Timeout = settings.Timeout,
                MaxHops = settings.MaxHops,
                Network = _network,
            };
            string? failure = null;
            try
            {
                using var session = TraceSession.Open(request);
                while (session.NextRound(cancellation) is not null)
                {
                }

                var run = session.Result();

                // Stopped before a whole pass: nothing to count (a cut round is left out, not read as loss).
                if (run.Rounds > 0 && !cancellation.IsCancellationRequested)
                {
                    _metrics.Record(target, TraceRoundSummary.From(run));
                }
            }
            catch (Exception e) when (e is UsageException or LocalFirewallException or IOException or UnauthorizedAccessException or SocketException)
            {
                failure = e.Message;
            }

            NoteFailure(target, failure);
        }
        finally
        {
            _wake.Set();
        }
    }

    /// <summary>Says a failure once per change per target, not once per round.</summary>
    private void NoteFailure(ContinuousTarget target, string? failure)
    {
        lock (_failures)
        {
            var known = _failures.GetValueOrDefault(target);
            if (known == failure)
            {
                return;
            }

            if (failure is null)
            {
                _failures.Remove(target);
            }
            else
            {
                _failures[target] = failure;
                Log($"continuous: trace round to {target.Address} not run: {failure}");
            }
        }
    }

    private void Log(string line)
    {
        lock (_log)
        {
            _log.WriteLine($"netlens serve: {line}");
        }
    }

    private sealed record Update(IReadOnlyList<ContinuousTarget> Targets, ContinuousTraceSettings? Settings);
}
