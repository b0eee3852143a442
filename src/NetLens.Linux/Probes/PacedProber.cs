using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using NetLens.Core.Probing;
using NetLens.Core.Trace;

namespace NetLens.Linux.Probes;

/// <summary>
/// The probe schedule every mechanism shares: rounds start one interval apart and overlap (a lost probe does not hold
/// the next round back); a round's probes are spread over part of the interval (<see cref="RoundPacing"/>); each
/// probe waits for its reply at most the timeout, counted from its own send. Replies are matched to probes by the
/// flow and sequence they quote, which mechanisms read in their own way (<see cref="Send"/>, <see cref="Receive"/>).
/// </summary>
public abstract class PacedProber : ITraceProber
{
    private const int PollSliceMs = 100;

    protected PacedProber(IReadOnlyList<TraceFlow> flows)
    {
        if (flows.Count == 0)
        {
            throw new ArgumentException("a prober needs at least one flow", nameof(flows));
        }

        Flows = flows;
    }

    public abstract ProbeMechanism Mechanism { get; }

    public TraceFlow Flow => Flows[0];

    public IReadOnlyList<TraceFlow> Flows { get; }

    /// <summary>A mechanism whose replies stop meaning anything after a while (the kernel retransmits) caps the timeout.</summary>
    protected virtual TimeSpan? LongestWait => null;

    /// <summary>How many sends a probe gets on an error-queue socket: each ICMP error still pending fails one send.</summary>
    private const int SendAttempts = 8;

    /// <summary>
    /// Sends a datagram probe on a socket with IP_RECVERR: every ICMP error already queued (sk_err) fails one send
    /// without the probe leaving, so the send is tried again, a few times.
    /// </summary>
    protected static void SendDespitePendingErrors(Socket socket, ReadOnlySpan<byte> datagram, EndPoint target)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                socket.SendTo(datagram, target);
                return;
            }
            catch (SocketException e) when (LocalFirewall.Refused(e))
            {
                throw LocalFirewall.Exception(((IPEndPoint)target).Address);
            }
            catch (SocketException) when (attempt < SendAttempts)
            {
            }
        }
    }

    /// <summary>Sends probe <paramref name="sequence"/> of flow <paramref name="flow"/> with TTL (hop limit) <paramref name="ttl"/>.</summary>
    protected abstract void Send(int flow, int ttl, ushort sequence);

    /// <summary>Waits up to <paramref name="wait"/> for replies, then adds every one that arrived to <paramref name="replies"/>.</summary>
    protected abstract void Receive(TimeSpan wait, List<ProbeReply> replies);

    /// <summary>The schedule gave up on a probe (timed out, or beyond the destination); a mechanism with per-probe state drops it.</summary>
    protected virtual void Forget(int flow, ushort sequence)
    {
    }

    public IReadOnlyList<ProbeResult> ProbeRound(int round, int ttls, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var results = new ProbeResult?[ttls * Flows.Count];
        var schedule = new TraceSchedule(1, TimeSpan.Zero, timeout) { FirstRound = round };
        foreach (var result in Run(schedule, _ => ttls, cancellationToken))
        {
            results[((result.Ttl - 1) * Flows.Count) + result.Flow] = result;
        }

        return [.. results.Select((r, i) => r ?? ProbeResult.Lost(round, (i / Flows.Count) + 1, i % Flows.Count))];
    }

    public IEnumerable<ProbeResult> Run(TraceSchedule schedule, Func<int, int> ttlsToProbe, CancellationToken cancellationToken)
    {
        var timeout = LongestWait is { } longest && longest < schedule.Timeout ? longest : schedule.Timeout;
        var state = new ScheduleState(schedule, Ticks(schedule.Interval), Ticks(timeout), Stopwatch.GetTimestamp());
        var slowestReplyMs = 0.0;
        long Wait() => Ticks(schedule.AdaptiveTimeout ? AdaptiveTimeout.For(timeout, slowestReplyMs) : timeout);
        var replies = new List<ProbeReply>();
        var lost = new List<Outstanding>();
        var (newestRound, newestLimit) = (-1, int.MaxValue);
        while (!cancellationToken.IsCancellationRequested)
        {
            SendDue(state, ttlsToProbe, Wait());

            lost.Clear();
            state.Expire(Stopwatch.GetTimestamp(), lost);
            foreach (var probe in lost)
            {
                Forget(probe.Flow, probe.Sequence);
                yield return ProbeResult.Lost(probe.Round, probe.Ttl, probe.Flow);
            }

            // Once the destination is known (the newest round's limit drops), probes sent past it before are not waited for.
            if (state.NewestRound >= 0)
            {
                var limit = ttlsToProbe(state.NewestRound);
                if (state.NewestRound == newestRound && limit < newestLimit)
                {
                    foreach (var probe in state.DropBeyond(ttlsToProbe))
                    {
                        Forget(probe.Flow, probe.Sequence);
                    }
                }

                (newestRound, newestLimit) = (state.NewestRound, limit);
            }

            if (state.Finished)
            {
                yield break;
            }

            var wait = Math.Max(0, state.WakeAt - Stopwatch.GetTimestamp());
            replies.Clear();
            Receive(TimeSpan.FromSeconds(Math.Min(wait, Stopwatch.Frequency * PollSliceMs / 1000) / (double)Stopwatch.Frequency), replies);
            foreach (var reply in replies)
            {
                if (state.TryLate(reply.Flow, reply.Sequence, out var late))
                {
                    // Too late to count, but it says how long this path can take.
                    slowestReplyMs = Math.Max(slowestReplyMs, (reply.ReceivedAt - late.SentAt) * 1000.0 / Stopwatch.Frequency);
                }
                else if (state.TryAnswer(reply.Flow, reply.Sequence, out var probe))
                {
                    var rttMs = Math.Max(0, (reply.ReceivedAt - probe.SentAt) * 1000.0 / Stopwatch.Frequency);
                    slowestReplyMs = Math.Max(slowestReplyMs, rttMs);
                    yield return new ProbeResult(probe.Round, probe.Ttl, reply.Outcome, reply.Responder, rttMs, probe.Flow) { Mpls = reply.Mpls, Code = reply.Code };
                }
            }
        }
    }

    public abstract void Dispose();

    private void SendDue(ScheduleState state, Func<int, int> ttlsToProbe, long waitTicks)
    {
        var now = Stopwatch.GetTimestamp();
        state.StartRoundIfDue(now, ttlsToProbe, Flows.Count);
        while (state.NextProbeDue(now, ttlsToProbe, Flows.Count, out var round, out var ttl, out var flow))
        {
            var sequence = ProbeSequence.Of(round, ttl);
            var sentAt = Stopwatch.GetTimestamp();
            Send(flow, ttl, sequence);
            state.Sent(new Outstanding(round, ttl, flow, sequence, sentAt, sentAt + waitTicks));
            now = Stopwatch.GetTimestamp();
            state.StartRoundIfDue(now, ttlsToProbe, Flows.Count);
        }
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    /// <summary>A probe that is out; <see cref="Deadline"/> is when it counts as lost (never earlier than for probes sent before it).</summary>
    private readonly record struct Outstanding(int Round, int Ttl, int Flow, ushort Sequence, long SentAt, long Deadline);

    /// <summary>Which probe goes next and when, which are out, which rounds are still open.</summary>
    private sealed class ScheduleState(TraceSchedule schedule, long intervalTicks, long ceilingTicks, long start)
    {
        // Probes given up before the ceiling: a reply to one still tells how slow the path is.
        private readonly Dictionary<int, Outstanding> _late = [];
        private readonly Queue<int> _lateOrder = new();
        private readonly Dictionary<int, Outstanding> _outstanding = [];
        private readonly Queue<(int Key, long SentAt, long Deadline)> _bySendTime = new();
        private readonly Dictionary<int, int> _openRounds = [];
        private int _roundsStarted;
        private int _sendingRound = -1;
        private int _nextIndex;
        private long _gapTicks;
        private long _nextSendAt;
        private long _nextRoundAt = start;

        /// <summary>The round started last; -1 before the first.</summary>
        public int NewestRound => _roundsStarted == 0 ? -1 : schedule.FirstRound + _roundsStarted - 1;

        public bool Finished => _roundsStarted == schedule.Rounds && _sendingRound < 0 && _outstanding.Count == 0;

        /// <summary>When something next needs doing: a probe to send, a round to start, a probe to give up on.</summary>
        public long WakeAt
        {
            get
            {
                var wake = long.MaxValue;
                if (_sendingRound >= 0)
                {
                    wake = _nextSendAt;
                }
                else if (_roundsStarted < schedule.Rounds && _openRounds.Count < schedule.RoundsInFlight)
                {
                    wake = _nextRoundAt;
                }

                while (_bySendTime.TryPeek(out var oldest) && !IsOutstanding(oldest))
                {
                    _bySendTime.Dequeue();
                }

                return _bySendTime.TryPeek(out var first) ? Math.Min(wake, first.Deadline) : wake;
            }
        }

        public void StartRoundIfDue(long now, Func<int, int> ttlsToProbe, int flows)
        {
            if (_sendingRound >= 0 || _roundsStarted == schedule.Rounds || now < _nextRoundAt || _openRounds.Count >= schedule.RoundsInFlight)
            {
                return;
            }

            _sendingRound = schedule.FirstRound + _roundsStarted++;
            _openRounds[_sendingRound] = 0;
            var ttls = Math.Max(1, ttlsToProbe(_sendingRound) - schedule.FirstTtl + 1);
            _nextIndex = (schedule.FirstTtl - 1) * flows;
            _nextSendAt = now;
            _gapTicks = (long)(RoundPacing.Gap(schedule.Interval, ttls * flows).TotalSeconds * Stopwatch.Frequency);
            _nextRoundAt = now + intervalTicks;
        }

        /// <summary>The next probe of the round being sent, if its time has come; closes the round after its last.</summary>
        public bool NextProbeDue(long now, Func<int, int> ttlsToProbe, int flows, out int round, out int ttl, out int flow)
        {
            round = _sendingRound;
            ttl = (_nextIndex / flows) + 1;
            flow = _nextIndex % flows;
            if (_sendingRound < 0 || now < _nextSendAt)
            {
                return false;
            }

            if (ttl > ttlsToProbe(_sendingRound))
            {
                var finished = _sendingRound;
                _sendingRound = -1;
                CloseIfDone(finished);
                return false;
            }

            _nextIndex++;
            _nextSendAt += _gapTicks;
            return true;
        }

        public void Sent(Outstanding probe)
        {
            var key = Key(probe.Flow, probe.Sequence);

            // RoundsInFlight keeps sequence numbers from wrapping onto a probe still out; this only guards the invariant.
            if (_outstanding.Remove(key, out var stale))
            {
                Settle(stale);
            }

            _late.Remove(key);
            _outstanding[key] = probe;
            _bySendTime.Enqueue((key, probe.SentAt, probe.Deadline));
            _openRounds[probe.Round]++;
        }

        public bool TryAnswer(int flow, ushort sequence, out Outstanding probe)
        {
            if (!_outstanding.Remove(Key(flow, sequence), out probe))
            {
                return false;
            }

            Settle(probe);
            return true;
        }

        public void Expire(long now, List<Outstanding> lost)
        {
            while (_bySendTime.TryPeek(out var oldest) && (!IsOutstanding(oldest) || oldest.Deadline <= now))
            {
                _bySendTime.Dequeue();
                if (IsOutstanding(oldest) && _outstanding.Remove(oldest.Key, out var probe))
                {
                    Settle(probe);
                    lost.Add(probe);
                    _late[oldest.Key] = probe;
                    _lateOrder.Enqueue(oldest.Key);
                }
            }

            while (_lateOrder.TryPeek(out var key) && (!_late.TryGetValue(key, out var probe) || probe.SentAt + ceilingTicks <= now))
            {
                _lateOrder.Dequeue();
                if (_late.TryGetValue(key, out var stale) && stale.SentAt + ceilingTicks <= now)
                {
                    _late.Remove(key);
                }
            }
        }

        /// <summary>A reply to a probe already given up (within the ceiling); it is forgotten once read.</summary>
        public bool TryLate(int flow, ushort sequence, out Outstanding probe) => _late.Remove(Key(flow, sequence), out probe);

        public List<Outstanding> DropBeyond(Func<int, int> ttlsToProbe)
        {
            var dropped = _outstanding.Values.Where(p => p.Ttl > ttlsToProbe(p.Round)).ToList();
            foreach (var probe in dropped)
            {
                _outstanding.Remove(Key(probe.Flow, probe.Sequence));
                Settle(probe);
            }

            return dropped;
        }

        private static int Key(int flow, ushort sequence) => (flow << 16) | sequence;

        private bool IsOutstanding((int Key, long SentAt, long Deadline) entry) =>
            _outstanding.TryGetValue(entry.Key, out var probe) && probe.SentAt == entry.SentAt;

        private void Settle(Outstanding probe)
        {
            _openRounds[probe.Round]--;
            CloseIfDone(probe.Round);
        }

        private void CloseIfDone(int round)
        {
            if (round != _sendingRound && _openRounds.TryGetValue(round, out var left) && left == 0)
            {
                _openRounds.Remove(round);
            }
        }
    }
}
