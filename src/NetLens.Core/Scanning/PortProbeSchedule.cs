namespace NetLens.Core.Scanning;

/// <summary>
/// One host's ports through a raw-probe scan: which port to send next (retries first), when an attempt has waited long
/// enough, and what each port came to. Replies name their port and attempt (<see cref="SynProbeTag"/>), so a late
/// answer still counts and every RTT sample belongs to one attempt. Pure: the caller sends, receives and tells the time.
/// </summary>
public sealed class PortProbeSchedule
{
    private readonly int[] _ports;
    private readonly Dictionary<int, int> _index;
    private readonly int[] _attempts;
    private readonly TimeSpan[] _sentAt;
    private readonly bool[] _inFlight;
    private readonly PortResult?[] _results;
    private readonly bool[] _answered;
    private readonly Queue<int> _fresh;
    private readonly Queue<int> _retries = new();
    // probes in flight in the order sent: their deadlines follow the timeout as it is now, so a first RTT sample
    // shortens the wait of probes sent before it; last attempts wait twice as long and queue apart
    private readonly Queue<(int Index, int Attempt, TimeSpan SentAt)> _waiting = new();
    private readonly Queue<(int Index, int Attempt, TimeSpan SentAt)> _waitingLast = new();
    private TimeSpan _lastSend = TimeSpan.MinValue;

    // timing pings: a probe now and then to a port that already answered keeps RTT samples and loss counts coming on a
    // host whose ports are mostly silent (its answer is known, so the ping only feeds the timing)
    private readonly List<int> _answering = [];
    private int _pingIndex = -1;
    private int _pingAttempt;
    private bool _pingInFlight;
    private TimeSpan _pingSentAt;
    private int _pings;

    /// <param name="ports">The host's ports, in any order.</param>
    /// <param name="timing">The host's RTT estimate, window and retry policy.</param>
    /// <param name="order">Shuffles the ports into the order they are sent: the engine's randomness, so a test gives a seeded one and sees the same order every run.</param>
    public PortProbeSchedule(IReadOnlyList<int> ports, HostTiming timing, Random order)
    {
        Timing = timing;
        _ports = [.. ports];
        _index = new Dictionary<int, int>(_ports.Length);
        for (var i = 0; i < _ports.Length; i++)
        {
            _index[_ports[i]] = i;
        }

        _attempts = new int[_ports.Length];
        _sentAt = new TimeSpan[_ports.Length];
        _inFlight = new bool[_ports.Length];
        _results = new PortResult?[_ports.Length];
        _answered = new bool[_ports.Length];
        // in random order, as nmap sends them: answering ports turn up early and a block of filtered ports is spread out
        var sendOrder = Enumerable.Range(0, _ports.Length).ToArray();
        order.Shuffle(sendOrder);
        _fresh = new Queue<int>(sendOrder);
    }

    public HostTiming Timing { get; }

    public int InFlight { get; private set; }

    /// <summary>Ports whose state is settled for now (answered, or silent through every attempt the loss rate asks for).</summary>
    public int Settled { get; private set; }

    public int Count => _ports.Length;

    /// <summary>Probes sent, retries included.</summary>
    public long Sent { get; private set; }

    /// <summary>
    /// True when nothing is in flight or waiting and no silent port is owed more attempts than it got; a port that is
    /// owed some (the loss rate grew since it was called filtered) goes back in the queue and the answer is false.
    /// </summary>
    public bool TryFinish() => InFlight == 0 && _fresh.Count == 0 && _retries.Count == 0 && !ReopenUnderAttempted();

    /// <summary>When the earliest probe in flight runs out of time; null when none is.</summary>
    public TimeSpan? NextDeadline
    {
        get
        {
            var next = Head(_waiting, Timing.Timeout);
            var last = Head(_waitingLast, Timing.Timeout * 2);
            var soonest = next is null ? last : last is null ? next : next < last ? next : last;
            var ping = _pingInFlight ? _pingSentAt + Timing.Timeout : (TimeSpan?)null;
            return soonest is null ? ping : ping is null ? soonest : soonest < ping ? soonest : ping;
        }
    }

    /// <summary>Timing pings sent (<see cref="SynProbeTag.FirstPingAttempt"/>).</summary>
    public int Pings => _pings;

    /// <summary>
    /// A timing ping when one is due: none in flight, a port has answered, ports are still open, and a timeout has passed
    /// since the last. Its attempt numbers start at <see cref="SynProbeTag.FirstPingAttempt"/>, above any real attempt.
    /// </summary>
    public bool TryTakePing(TimeSpan now, out int port, out int attempt)
    {
        port = 0;
        attempt = 0;
        if (_pingInFlight || _answering.Count == 0 || Settled == Count || (_pings > 0 && now - _pingSentAt < Timing.Timeout))
        {
            return false;
        }

        _pingIndex = _answering[_pings % _answering.Count];
        _pingAttempt = SynProbeTag.FirstPingAttempt + (_pings % (SynProbeTag.MaxAttempt - SynProbeTag.FirstPingAttempt + 1));
        _pings++;
        _pingInFlight = true;
        _pingSentAt = now;
        Sent++;
        port = _ports[_pingIndex];
        attempt = _pingAttempt;
        return true;
    }

    /// <summary>When the next probe may go given the per-host delay (-T0…-T2), or now.</summary>
    public TimeSpan NextSendAllowed => _lastSend == TimeSpan.MinValue ? TimeSpan.Zero : _lastSend + Timing.Limits.ScanDelay;

    /// <summary>True when a probe is waiting and the window (unless <paramref name="pastWindow"/>, for --min-rate) has room for it.</summary>
    public bool HasProbeReady(TimeSpan now, bool pastWindow = false) =>
        (_retries.Count > 0 || _fresh.Count > 0) && (pastWindow || InFlight < Timing.Window) && now >= NextSendAllowed;

    /// <summary>Takes the next probe (a retry before a fresh port), marks it in flight and starts its clock.</summary>
    public bool TryTake(TimeSpan now, out int port, out int attempt, bool pastWindow = false)
    {
        port = 0;
        attempt = 0;
        if (!HasProbeReady(now, pastWindow))
        {
            return false;
        }

        var index = _retries.Count > 0 ? _retries.Dequeue() : _fresh.Dequeue();
        attempt = ++_attempts[index];
        port = _ports[index];
        _sentAt[index] = now;
        _inFlight[index] = true;
        InFlight++;
        Sent++;
        _lastSend = now;

        // the last attempt waits twice as long: past it the port is called filtered
        (attempt >= Timing.AttemptsForSilence ? _waitingLast : _waiting).Enqueue((index, attempt, now));
        return true;
    }

    /// <summary>
    /// An answer to <paramref name="attempt"/> on <paramref name="port"/>. Duplicates are ignored; an answer after the port
    /// was called filtered for silence replaces that verdict, since an answer proves more than silence.
    /// </summary>
    public void OnAnswer(int port, int attempt, PortState state, PortReason reason, TimeSpan now, int? ttl = null)
    {
        if (!_index.TryGetValue(port, out var index))
        {
            return;
        }

        if (_pingInFlight && index == _pingIndex && attempt == _pingAttempt)
        {
            _pingInFlight = false;
            Timing.OnReply(now - _pingSentAt, 1);
            return;
        }

        if (_answered[index] || attempt < 1 || attempt > _attempts[index])
        {
            return;
        }

        // only an attempt still waiting is timed (Karn): an earlier one's send time is gone, and an answer after the
        // deadline may be the target resending its SYN/ACK a second later; either still proves that attempt arrived
        TimeSpan? rtt = attempt == _attempts[index] && _inFlight[index] ? now - _sentAt[index] : null;
        Timing.OnReply(rtt, attempt);
        if (_inFlight[index])
        {
            _inFlight[index] = false;
            InFlight--;
        }

        if (_results[index] is null)
        {
            Settled++;
        }

        _answered[index] = true;
        _results[index] = new PortResult(port, state, reason) { ReplyTtl = ttl };
        if (state is PortState.Open or PortState.Closed)
        {
            _answering.Add(index);
        }
    }

    /// <summary>Attempts whose time ran out: retried while the timing asks for more, otherwise the port is called filtered.</summary>
    public void Expire(TimeSpan now)
    {
        if (_pingInFlight && _pingSentAt + Timing.Timeout <= now)
        {
            _pingInFlight = false;
            Timing.OnPingLost();
        }

        Expire(_waiting, Timing.Timeout, now);
        Expire(_waitingLast, Timing.Timeout * 2, now);
    }

    private void Expire(Queue<(int Index, int Attempt, TimeSpan SentAt)> waiting, TimeSpan timeout, TimeSpan now)
    {
        while (waiting.TryPeek(out var probe) && probe.SentAt + timeout <= now)
        {
            waiting.Dequeue();
            if (!IsCurrent(probe))
            {
                continue;
            }

            _inFlight[probe.Index] = false;
            InFlight--;
            Timing.OnSilence();
            if (Timing.ShouldRetry(probe.Attempt))
            {
                _retries.Enqueue(probe.Index);
                continue;
            }

            var silent = ConnectScanVerdict.Silent;
            _results[probe.Index] = new PortResult(_ports[probe.Index], silent.State, silent.Reason);
            Settled++;
        }
    }

    /// <summary>Every port's result, sorted by port; call once <see cref="TryFinish"/> said so.</summary>
    public IReadOnlyList<PortResult> Results()
    {
        var silent = ConnectScanVerdict.Silent;
        return [.. _results.Select((r, i) => r ?? new PortResult(_ports[i], silent.State, silent.Reason)).OrderBy(r => r.Port)];
    }

    /// <summary>Only the ports decided so far, sorted by port: what an interrupted scan knows of this host.</summary>
    public IReadOnlyList<PortResult> SettledResults() => [.. _results.OfType<PortResult>().OrderBy(r => r.Port)];

    /// <summary>The deadline of the oldest probe still current in <paramref name="waiting"/>; stale entries (answered, resent) are dropped on the way.</summary>
    private TimeSpan? Head(Queue<(int Index, int Attempt, TimeSpan SentAt)> waiting, TimeSpan timeout)
    {
        while (waiting.TryPeek(out var probe))
        {
            if (IsCurrent(probe))
            {
                return probe.SentAt + timeout;
            }

            waiting.Dequeue();
        }

        return null;
    }

    private bool IsCurrent((int Index, int Attempt, TimeSpan SentAt) probe) =>
        _inFlight[probe.Index] && !_answered[probe.Index] && _attempts[probe.Index] == probe.Attempt;

    /// <summary>
    /// The loss rate is learnt as the scan runs; a port called filtered early, with fewer attempts than the rate now asks
    /// for, goes back in the queue. Runs only at the end, when nothing else is pending.
    /// </summary>
    private bool ReopenUnderAttempted()
    {
        var needed = Math.Min(Timing.AttemptsForSilence, SynProbeTag.MaxAttempt);
        var reopened = false;
        for (var i = 0; i < _ports.Length; i++)
        {
            if (!_answered[i] && !_inFlight[i] && _results[i] is not null && _attempts[i] < needed)
            {
                _results[i] = null;
                Settled--;
                _retries.Enqueue(i);
                reopened = true;
            }
        }

        return reopened;
    }
}
