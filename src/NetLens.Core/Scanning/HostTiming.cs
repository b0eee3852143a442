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

    /// <summary>A reply arrived after <paramref name="rtt"/>; <paramref name="afterRetry"/> when an earlier attempt of the same probe went unanswered.</summary>
    public void OnReply(TimeSpan rtt, bool afterRetry)
    {
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

        if (afterRetry)
        {
            // the first attempt was lost: the path drops, so send less
            OnDrop();
            return;
        }

        _window += _window < _slowStartThreshold ? 1 : 1 / _window;
        _window = Math.Min(_window, Limits.MaxWindow);
    }

    /// <summary>A probe proved lost (its retry was answered): halve the window, as TCP does on loss.</summary>
    public void OnDrop()
    {
        _slowStartThreshold = Math.Max(_window / 2, Limits.MinWindow * 2);
        _window = Math.Max(_window / 2, Limits.MinWindow);
    }

    /// <summary>Silence alone is what a filtered port answers, so it does not shrink the window; it only costs a retry.</summary>
    public bool ShouldRetry(int attemptsMade) => attemptsMade <= Limits.MaxRetries;
}
