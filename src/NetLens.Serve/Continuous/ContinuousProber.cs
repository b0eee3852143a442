using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using NetLens.Linux.Probes;

namespace NetLens.Serve.Continuous;

/// <summary>
/// Probes every continuous target once an interval with an ICMP echo, on one thread and one socket per family:
/// sends whatever is due, then sleeps in ppoll until the next send or a reply, reads every waiting reply and matches it
/// to its echo by address and sequence. An echo counts as received when its reply comes within the reply window
/// (the interval, at least a second); a later or duplicate reply counts nothing, so received never exceeds sent.
/// </summary>
public sealed class ContinuousProber : IDisposable
{
    private static readonly TimeSpan LongestSleep = TimeSpan.FromMilliseconds(100);

    private readonly EchoChannel _channel;
    private readonly IProbeRecorder _recorder;
    private readonly TextWriter _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private readonly Action<EchoArrival> _onArrival;
    private Update? _pending;
    private Dictionary<IPAddress, TargetState> _byAddress = [];
    private TargetState[] _targets = [];
    private ProbeSchedule _schedule = new(0, 1, 0, Random.Shared);
    private long _windowTicks = TimeSpan.TicksPerSecond;

    public ContinuousProber(EchoChannel channel, IProbeRecorder recorder, TextWriter log)
    {
        _channel = channel;
        _recorder = recorder;
        _log = log;
        _onArrival = OnArrival;
        _thread = new Thread(Run) { IsBackground = true, Name = "netlens continuous prober" };
    }

    public void Start() => _thread.Start();

    /// <summary>Replaces the target list (from any thread); the prober picks it up before its next send. Targets kept keep their counters.</summary>
    public void Apply(IReadOnlyList<ContinuousTarget> targets, TimeSpan interval) => Volatile.Write(ref _pending, new Update(targets, interval));

    public void Dispose()
    {
        _stop.Cancel();
        if (_thread.IsAlive)
        {
            _thread.Join();
        }

        _channel.Dispose();
        _stop.Dispose();
    }

    private void Run()
    {
        while (!_stop.IsCancellationRequested)
        {
            if (Interlocked.Exchange(ref _pending, null) is { } update)
            {
                Rebuild(update);
            }

            var now = Stopwatch.GetTimestamp();
            var sent = 0;
            while (_schedule.TryTakeDue(now, out var index))
            {
                Send(_targets[index]);

                // Thousands due at once: read replies between batches so the socket buffer never overflows.
                if (++sent % 256 == 0)
                {
                    _channel.Drain(_onArrival);
                    now = Stopwatch.GetTimestamp();
                }
            }

            var wait = _schedule.NextDue is { } due ? Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due) : LongestSleep;
            if (wait > TimeSpan.Zero)
            {
                _channel.Wait(wait < LongestSleep ? wait : LongestSleep);
            }

            _channel.Drain(_onArrival);
        }
    }

    private void Send(TargetState state)
    {
        var sequence = ++state.Sequence;
        _recorder.Sent(state.Target);
        var sentTicks = _channel.Send(state.Destination, sequence, out var failure);
        var slot = sequence & (state.SentTicks.Length - 1);
        state.SentSequence[slot] = sequence;
        state.SentTicks[slot] = sentTicks ?? 0;
        if (sentTicks is null && state.Failure != failure)
        {
            // Said once per change, not once per echo: a firewall drop at 100 Hz must not flood the log.
            lock (_log)
            {
                _log.WriteLine($"netlens serve: continuous: echo to {state.Target.Address} not sent: {failure}");
            }
        }

        state.Failure = failure;
    }

    private void OnArrival(EchoArrival arrival)
    {
        var from = arrival.From.IsIPv4MappedToIPv6 ? arrival.From.MapToIPv4() : arrival.From;
        if (!_byAddress.TryGetValue(from, out var state))
        {
            return;
        }

        var slot = arrival.Sequence & (state.SentTicks.Length - 1);
        var sentTicks = state.SentTicks[slot];
        if (state.SentSequence[slot] != arrival.Sequence || sentTicks == 0)
        {
            return;
        }

        state.SentTicks[slot] = 0;
        var rtt = arrival.ReceivedTicks - sentTicks;
        if (rtt >= 0 && rtt <= _windowTicks)
        {
            _recorder.Received(state.Target, TimeSpan.FromTicks(rtt));
        }
    }

    private void Rebuild(Update update)
    {
        var window = Math.Max(TimeSpan.TicksPerSecond, update.Interval.Ticks);

        // The ring of outstanding echoes per target must hold every echo still inside the reply window.
        var ring = 4;
        while (ring < 4096 && ring * update.Interval.Ticks <= window)
        {
            ring *= 2;
        }

        var byAddress = new Dictionary<IPAddress, TargetState>();
        foreach (var target in update.Targets)
        {
            if (byAddress.ContainsKey(target.Address))
            {
                continue;
            }

            byAddress[target.Address] = _byAddress.TryGetValue(target.Address, out var kept) && kept.Target == target && kept.SentTicks.Length == ring
                ? kept
                : new TargetState(target, EchoChannel.Destination(target.Address), ring);
        }

        _byAddress = byAddress;
        _targets = [.. byAddress.Values];
        _windowTicks = window;
        _schedule = new ProbeSchedule(_targets.Length, (long)(update.Interval.TotalSeconds * Stopwatch.Frequency), Stopwatch.GetTimestamp(), Random.Shared);
        foreach (var family in (AddressFamily[])[AddressFamily.InterNetwork, AddressFamily.InterNetworkV6])
        {
            if (_channel.Unavailable(family) is { } reason && _targets.Any(t => t.Target.Address.AddressFamily == family))
            {
                lock (_log)
                {
                    _log.WriteLine($"netlens serve: continuous: {reason}");
                }
            }
        }
    }

    private sealed record Update(IReadOnlyList<ContinuousTarget> Targets, TimeSpan Interval);

    private sealed class TargetState(ContinuousTarget target, SocketAddress destination, int ring)
    {
        public ContinuousTarget Target { get; } = target;

        public SocketAddress Destination { get; } = destination;

        public ushort Sequence { get; set; }

        public ushort[] SentSequence { get; } = new ushort[ring];

        /// <summary>UTC ticks each outstanding echo left at, by sequence modulo the ring; 0 when answered or not sent.</summary>
        public long[] SentTicks { get; } = new long[ring];

        public string? Failure { get; set; }
    }
}
