namespace NetLens.Core.Scanning;

/// <summary>One round of UDP probes: these ports, each probed once, starting no earlier than <see cref="StartAt"/> (scan time).</summary>
public sealed record UdpSweep(IReadOnlyList<int> Ports, TimeSpan StartAt);

/// <summary>What came back to one probe of a sweep, <see cref="At"/> in scan time; <see cref="Rtt"/> from its send.</summary>
public readonly record struct UdpAnswer(int Port, UdpProbeOutcome Outcome, TimeSpan Rtt, TimeSpan At);

/// <summary>
/// A UDP scan of one host as sweeps over the ports still silent. Pure: the caller sends, listens and tells the time.
/// <para>
/// Silence is ambiguous twice over: an open service may ignore the payload, and a closed port's ICMP error may have been
/// dropped by the target's rate limit (Linux: about one per second after a burst of six). Errors are what the limit
/// drops, so a silent probe only counts toward open|filtered when its sweep drew no ICMP error at all and started at
/// least one <see cref="UdpTiming.TokenInterval"/> after the last error: then the bucket had an error to spend and no
/// closed port in the sweep claimed it. Closed ports thus cost what the target's limit costs (one per interval), while
/// filtered ports cost only the usual retries; a sweep that draws errors just waits for the bucket and goes again.
/// </para>
/// </summary>
public sealed class UdpSweepPlan
{
    private readonly SortedDictionary<int, PortResult> _results = [];
    private readonly SortedDictionary<int, (int Attempts, int Counted)> _pending = [];
    private readonly HostTiming _timing;
    private readonly UdpTiming _udp;
    private TimeSpan? _lastErrorAt;
    private bool _started;
    private int _mostErrorsInASweep;
    private int _errorsThisSweep;
    private TimeSpan _gateAtStart;

    public UdpSweepPlan(IEnumerable<int> ports, HostTiming timing, UdpTiming udp)
    {
        _timing = timing;
        _udp = udp;
        foreach (var port in ports)
        {
            _pending[port] = (0, 0);
        }
    }

    /// <summary>True once a closed port answered only a later attempt: its earlier error was dropped, by loss or a rate limit.</summary>
    public bool RateLimited { get; private set; }

    /// <summary>Every port decided so far, by number, as UDP results.</summary>
    public IReadOnlyList<PortResult> Results => [.. _results.Values];

    /// <summary>Sweeps planned so far (for --verbose and the bench).</summary>
    public int Sweeps { get; private set; }

    /// <summary>The next sweep, or null when every port has its state. <paramref name="now"/> is scan time.</summary>
    public UdpSweep? Next(TimeSpan now)
    {
        if (_pending.Count == 0)
        {
            return null;
        }

        Sweeps++;
        _errorsThisSweep = 0;
        _gateAtStart = GateOpensAt;
        if (!_started)
        {
            _started = true;
            return new UdpSweep([.. _pending.Keys], now);
        }

        // once the limit is proven, sweep a slice at a time: probes to closed ports beyond what the bucket pays for are wasted
        var chunk = RateLimited ? Math.Max(_udp.MinChunk, 4 * _mostErrorsInASweep) : int.MaxValue;
        var start = now > GateOpensAt ? now : GateOpensAt;
        return new UdpSweep([.. _pending.Keys.Take(chunk)], start);
    }

    /// <summary>When the target's bucket holds an error again: one interval after the last error (or after the scan began).</summary>
    private TimeSpan GateOpensAt => (_lastErrorAt ?? TimeSpan.Zero) + _udp.TokenInterval;

    /// <summary>Takes in one answer as it arrives (so the timing adapts within the sweep); a port's first answer decides it.</summary>
    public void Record(UdpAnswer answer)
    {
        if (!_pending.TryGetValue(answer.Port, out var tries))
        {
            return;
        }

        if (answer.Outcome.IsIcmpError())
        {
            _errorsThisSweep++;
            _lastErrorAt = _lastErrorAt is { } last && last > answer.At ? last : answer.At;

            // an earlier probe of this port went unanswered although the port answers errors: one was dropped
            RateLimited |= tries.Attempts > 0;
        }

        // every earlier silence is taken as a loss: a rate limit then looks like heavy loss, which costs filtered ports a
        // few more quick sweeps, whereas taking only counted silences underestimates loss (a lost error can make a sweep
        // look quiet) and calls closed ports open|filtered
        _timing.OnReply(answer.Rtt, tries.Attempts + 1);
        var (state, reason) = UdpScanVerdict.Decide(answer.Outcome);
        _results[answer.Port] = new PortResult(answer.Port, state, reason, PortProtocol.Udp);
        _pending.Remove(answer.Port);
    }

    /// <summary>Closes a sweep: its ports still pending stayed silent, and their silence counts only if the sweep drew no error.</summary>
    public void Complete(UdpSweep sweep)
    {
        var counts = sweep.StartAt >= _gateAtStart && _errorsThisSweep == 0;
        _mostErrorsInASweep = Math.Max(_mostErrorsInASweep, _errorsThisSweep);
        foreach (var port in sweep.Ports)
        {
            if (!_pending.TryGetValue(port, out var tries))
            {
                continue;
            }

            tries = (tries.Attempts + 1, tries.Counted + (counts ? 1 : 0));
            if ((tries.Counted > 0 && !_timing.ShouldRetry(tries.Counted)) || tries.Attempts >= _udp.MaxAttempts)
            {
                var (state, reason) = UdpScanVerdict.Silent;
                _results[port] = new PortResult(port, state, reason, PortProtocol.Udp);
                _pending.Remove(port);
            }
            else
            {
                _pending[port] = tries;
            }
        }
    }
}
