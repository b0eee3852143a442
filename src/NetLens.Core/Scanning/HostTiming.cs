namespace NetLens.Core.Scanning;

/// <summary>
/// One host's adaptive timing: smoothed RTT and variance give the probe timeout (RFC 6298), and a congestion window
/// (TCP-style slow start and additive increase) sets how many probes may be in flight. Pure: the caller measures time.
/// </summary>
public sealed class HostTiming(ScanTiming limits)
{
    private TimeSpan? _smoothedRtt;
    private TimeSpan _rttVariance;
    private double _window = limits.InitialWindow;
    private double _slowStartThreshold = limits.InitialSlowStartThreshold;
    private long _answeredAttempts;
    private long _lostAttempts;
    private long _repliesSinceCut = int.MaxValue;
    private TimeSpan? _minRtt;
    private bool _everCut;

    public ScanTiming Limits { get; } = limits;

    /// <summary>The smoothed round-trip time; null until a reply was timed.</summary>
    public TimeSpan? SmoothedRtt => _smoothedRtt;

    public TimeSpan RttVariance => _rttVariance;

    /// <summary>Probes allowed in flight now.</summary>
    public int Window => (int)Math.Floor(_window);

    /// <summary>How long a probe waits for its reply: SRTT + 4·RTTVAR, within the limits.</summary>
    public TimeSpan Timeout
    {
        get
        {
            if (_smoothedRtt is not { } srtt)
            {
                return Limits.InitialTimeout;
            }

            var timeout = srtt + (4 * _rttVariance);
            return timeout < Limits.MinTimeout ? Limits.MinTimeout : timeout > Limits.MaxTimeout ? Limits.MaxTimeout : timeout;
        }
    }

    /// <summary>
    /// Congestion fills queues, so replies slow down; random loss drops packets at an unchanged RTT. Loss while the smoothed
    /// RTT sits near the fastest seen is taken as random and does not shrink the window.
    /// </summary>
    public bool LooksCongested => _smoothedRtt is not { } srtt || _minRtt is not { } min || srtt > (2 * min) + Limits.QueueingAllowance;

    /// <summary>Of the attempts spent on ports that did answer, the share lost: the path's loss as this host shows it.</summary>
    public double LossRate => _answeredAttempts == 0 ? 0 : (double)_lostAttempts / _answeredAttempts;

    /// <summary>The fastest reply seen: the path's RTT with empty queues.</summary>
    public TimeSpan? MinRtt => _minRtt;

    /// <summary>
    /// A reply arrived after <paramref name="rtt"/> (null when the time is ambiguous, e.g. the kernel retransmitted the
    /// SYN itself) to attempt number <paramref name="attempt"/> (1 for the first try); <paramref name="hiddenLosses"/> are
    /// packets lost inside the attempt (a kernel retransmission answered).
    /// </summary>
    public void OnReply(TimeSpan? rtt, int attempt, int hiddenLosses = 0)
    {
        _answeredAttempts += attempt + hiddenLosses;
        _lostAttempts += attempt - 1 + hiddenLosses;
        _repliesSinceCut++;
        var afterRetry = attempt > 1 || hiddenLosses > 0;
        if (rtt is { } sample)
        {
            Sample(sample);
        }

        if (afterRetry)
        {
            // the first attempt was lost: the path drops, so send less if it is congested
            OnDrop();
            return;
        }

        _window += _window < _slowStartThreshold ? 1 : 1 / _window;
        _window = Math.Min(_window, Limits.MaxWindow);
    }

    private void Sample(TimeSpan rtt)
    {
        _minRtt = _minRtt is { } min && min < rtt ? min : rtt;

        // each connect() attempt is its own socket, so even a retry's answer times the attempt it belongs to (no Karn ambiguity)
        if (_smoothedRtt is not { } srtt)
        {
            _smoothedRtt = rtt;
            _rttVariance = rtt / 2;
        }
        else
        {
            var error = (rtt - srtt).Duration();
            _rttVariance = (_rttVariance * 3 / 4) + (error / 4);
            _smoothedRtt = (srtt * 7 / 8) + (rtt / 8);
        }

    }

    /// <summary>
    /// A probe proved lost (its retry was answered): halve the window, as TCP does on loss, when the RTT says queues are
    /// filling, and at most once per window of replies, so one burst costs one cut, not one per lost packet.
    /// </summary>
    public void OnDrop()
    {
        if (_repliesSinceCut < Window || !LooksCongested)
        {
            return;
        }

        _repliesSinceCut = 0;
        _everCut = true;
        _slowStartThreshold = Math.Max(_window / 2, Limits.MinWindow * 2);
        _window = Math.Max(_window / 2, Limits.MinWindow);
    }

    /// <summary>
    /// An attempt went unanswered. A filtered port says exactly that, so silence is not read as congestion; it grows the
    /// window by one, as slow start does per reply (a mostly filtered host would otherwise be scanned a window of 10 at
    /// a time). Once loss made the window shrink, silence grows it only by 1/window (one per window of silent probes),
    /// and not at all while lost probes come with an RTT that says queues are filling.
    /// </summary>
    public void OnSilence()
    {
        if (_lostAttempts > 0 && LooksCongested && _smoothedRtt is not null)
        {
            return;
        }

        _window += _everCut ? 1 / _window : 1;
        _window = Math.Min(_window, Limits.MaxWindow);
    }

    /// <summary>A timing ping to a port that answered before went unanswered: the path lost it (a drop, and a loss in the rate).</summary>
    public void OnPingLost()
    {
        _answeredAttempts++;
        _lostAttempts++;
        OnDrop();
    }

    /// <summary>An RTT measured before the scan (host discovery), so the first probes wait for that, not the initial timeout.</summary>
    public void Seed(TimeSpan rtt) => Sample(rtt);

    /// <summary>
    /// Silence alone is what a filtered port answers, so it does not shrink the window; it costs retries: the configured
    /// number, or on a lossy path as many as make loss^attempts fall below the accepted risk.
    /// </summary>
    public bool ShouldRetry(int attemptsMade) => attemptsMade < AttemptsForSilence;

    /// <summary>How many silent attempts make a port filtered now.</summary>
    public int AttemptsForSilence
    {
        get
        {
            var loss = LossRate;
            var configured = Limits.MaxRetries + 1;
            if (loss <= 0)
            {
                return configured;
            }

            var needed = loss >= 1 ? int.MaxValue : (int)Math.Ceiling(Math.Log(Limits.MissedAnswerRisk) / Math.Log(loss));
            return Math.Clamp(needed, configured, Limits.MaxRetriesUnderLoss + 1);
        }
    }
}
