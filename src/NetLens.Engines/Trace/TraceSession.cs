using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using NetLens.Core.Probing;
using NetLens.Core.Trace;
using NetLens.Linux.Probes;

namespace NetLens.Engines.Trace;

/// <summary>
/// One trace: the rounds of a <see cref="TraceRequest"/> probed on one prober, gathered into whole rounds that feed the
/// per-hop statistics. The report, the live view, JSON, CSV (and later serve and doctor) all read a session; none of them
/// probes. Rounds follow the prober's schedule (they start an interval apart and overlap, each probe waiting the
/// adaptive timeout), whether they are read one at a time (<see cref="NextRound"/>) or as a stream (<see cref="RunAsync"/>).
/// Cancelled, the session keeps every whole round gathered so far; the rounds still out are left out, not counted as lost.
/// </summary>
public sealed class TraceSession : IDisposable
{
    private readonly ITraceProber _prober;
    private readonly RoundAssembler _assembler;
    private readonly Queue<TraceRound> _closed = new();
    private readonly Lock _gate = new();
    private TraceStatistics _statistics;
    private IEnumerator<ProbeResult>? _probes;
    private int _nextFirstRound;
    private int _roundsClosed;
    private int _roundsTaken;
    private int _highestRound = -1;
    private long _highestRoundSentAt;

    /// <summary>A session on a prober already open (tests hand in their own); the session disposes it.</summary>
    public TraceSession(TraceRequest request, ITraceProber prober)
    {
        Request = request;
        _prober = prober;
        _assembler = new RoundAssembler(request.MaxHops, prober.Flows.Count, request.FirstTtl);
        _statistics = new TraceStatistics(request.MaxHops);
        Start = DateTimeOffset.Now;
    }

    /// <summary>Checks the target and opens the prober the request's protocol and this process's privileges allow.</summary>
    public static TraceSession Open(TraceRequest request)
    {
        TraceTarget.Check(request.Address);
        var prober = TraceProbers.Open(new TraceProbeRequest(request.Address, request.Protocol, request.Port, request.Flows, request.Network.Netns) { PacketSize = request.PacketSize });
        return new TraceSession(request, prober);
    }

    public TraceRequest Request { get; }

    public ProbeMechanism Mechanism => _prober.Mechanism;

    public TraceFlow Flow => _prober.Flow;

    public IReadOnlyList<TraceFlow> Flows => _prober.Flows;

    public DateTimeOffset Start { get; }

    /// <summary>Whole rounds in the statistics (since <see cref="Reset"/>).</summary>
    public int Rounds
    {
        get
        {
            lock (_gate)
            {
                return _roundsClosed;
            }
        }
    }

    /// <summary>
    /// How long until the next round is due to start; zero while a round is out (its replies are read only while the
    /// session is probing) or before the first. The live view reads keys meanwhile instead of waiting inside the prober.
    /// </summary>
    public TimeSpan UntilNextRound
    {
        get
        {
            if (_probes is null || _highestRound < 0 || _assembler.HasOpenRounds)
            {
                return TimeSpan.Zero;
            }

            var due = _highestRoundSentAt + (long)(Request.Interval.TotalSeconds * Stopwatch.Frequency);
            var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }

    /// <summary>The hops of the whole rounds so far.</summary>
    public IReadOnlyList<HopReport> Hops()
    {
        lock (_gate)
        {
            return _statistics.Report();
        }
    }

    /// <summary>The trace so far as the writers take it; <paramref name="interrupted"/> when the user stopped it early.</summary>
    public TraceRun Result(bool interrupted = false)
    {
        lock (_gate)
        {
            var hops = _statistics.Report();
            return new TraceRun(Request.Target, Request.Address, Mechanism, Flow.Protocol, Start, DateTimeOffset.Now, _roundsClosed, hops)
            {
                Flows = Flows.Count,
                Interrupted = interrupted,
                StopReason = TraceStop.Of(hops, Request.MaxHops, interrupted),
                PacketSize = Request.PacketSize,
            };
        }
    }

    /// <summary>
    /// Probes until the next round is whole and returns it (already in the statistics); null once the request's rounds
    /// are done or when <paramref name="cancellationToken"/> is cancelled (a round cut short is left out). Blocks while
    /// probing; one caller at a time.
    /// </summary>
    public TraceRound? NextRound(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            if (_closed.TryDequeue(out var ready))
            {
                return ready;
            }

            if (_probes is null && !StartProbing(cancellationToken))
            {
                return null;
            }

            if (!_probes!.MoveNext())
            {
                StopProbing();
                if (cancellationToken.IsCancellationRequested)
                {
                    break;
                }

                // Every probe of every round started is settled: what is open is as whole as it gets.
                Take(_assembler.CloseAll());
                continue;
            }

            var result = _probes.Current;
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            Note(result);
            Take(_assembler.Add(result));
        }

        // Cancelled: the rounds still out are left out, and a later call starts probing afresh.
        Pause();
        return null;
    }

    /// <summary>The request's rounds as they become whole, probed on a thread of their own so no reply waits to be read.</summary>
    public async IAsyncEnumerable<TraceRound> RunAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var rounds = Channel.CreateUnbounded<TraceRound>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var probing = Task.Factory.StartNew(() => Probe(rounds.Writer, stop.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            // Not the caller's token: once it is cancelled the probing thread ends the channel, after the last whole round.
            await foreach (var round in rounds.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                yield return round;
            }
        }
        finally
        {
            // The reader may stop early (break, an exception): probing ends with it.
            await stop.CancelAsync().ConfigureAwait(false);
            await probing.ConfigureAwait(false);
        }
    }

    /// <summary>Stops probing until the next <see cref="NextRound"/>; rounds still out are dropped (their probes would read as lost).</summary>
    public void Pause()
    {
        if (_probes is not null)
        {
            // Rounds may have started that nothing was heard of yet: the next run numbers past them, so no late reply matches a new probe.
            _nextFirstRound += Schedule(1).RoundsInFlight;
        }

        StopProbing();
        _assembler.DropOpen();
    }

    /// <summary>Starts the statistics over; rounds still out count in the new ones once whole.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _statistics = new TraceStatistics(Request.MaxHops);
            _roundsClosed = 0;
        }
    }

    public void Dispose()
    {
        StopProbing();
        _prober.Dispose();
    }

    private void Probe(ChannelWriter<TraceRound> rounds, CancellationToken cancellationToken)
    {
        try
        {
            while (NextRound(cancellationToken) is { } round)
            {
                rounds.TryWrite(round);
            }

            rounds.Complete();
        }
        catch (Exception e)
        {
            rounds.Complete(e);
        }
    }

    private bool StartProbing(CancellationToken cancellationToken)
    {
        var left = Request.Rounds is { } rounds ? rounds - _roundsTaken : int.MaxValue;
        if (left <= 0)
        {
            return false;
        }

        var schedule = Schedule(left);
        _assembler.Begin(schedule.FirstRound);
        _highestRound = -1;
        _probes = _prober.Run(schedule, _assembler.TtlsFor, cancellationToken).GetEnumerator();
        return true;
    }

    private TraceSchedule Schedule(int rounds) =>
        new(rounds, Request.Interval, Request.Timeout) { FirstRound = _nextFirstRound, FirstTtl = Request.FirstTtl, AdaptiveTimeout = Request.AdaptiveTimeout };

    private void StopProbing()
    {
        _probes?.Dispose();
        _probes = null;
    }

    /// <summary>Keeps when the newest round started (its first probe's send, estimated from what came back) for <see cref="UntilNextRound"/>.</summary>
    private void Note(ProbeResult result)
    {
        var waited = result.Answered ? TimeSpan.FromMilliseconds(result.RttMs) : Request.Timeout;
        var sentAt = Stopwatch.GetTimestamp() - (long)(waited.TotalSeconds * Stopwatch.Frequency);
        if (result.Round > _highestRound)
        {
            _highestRound = result.Round;
            _highestRoundSentAt = sentAt;
            _nextFirstRound = Math.Max(_nextFirstRound, result.Round + 1);
        }
        else if (result.Round == _highestRound && sentAt < _highestRoundSentAt)
        {
            _highestRoundSentAt = sentAt;
        }
    }

    private void Take(IReadOnlyList<TraceRound> rounds)
    {
        lock (_gate)
        {
            foreach (var round in rounds)
            {
                foreach (var result in round.Results)
                {
                    _statistics.Add(result);
                }

                _roundsClosed++;
                _roundsTaken++;
                _closed.Enqueue(round);
            }
        }
    }
}
