namespace NetLens.Core.Scanning;

/// <summary>
/// The whole scan's progress from its rounds' (each round's port scan counts from zero over its own hosts): hosts of
/// finished rounds and hosts found down count as settled with all their ports, so the share only grows; the time
/// left is the time so far scaled by what remains. Never lower than what was shown before (retries can take a port
/// back from settled inside a scanner).
/// </summary>
public sealed class ScanProgressMeter
{
    private readonly long _total;
    private readonly int _portsPerHost;
    private long _hostsDone;
    private long _probesDone;
    private int _roundHosts;
    private int _roundDown;
    private long _roundProbes;
    private long _shown;

    /// <param name="hosts">Addresses in all targets (the share's base; broadcasts skipped later only end it early).</param>
    /// <param name="portsPerHost">Ports scanned on every host that is up.</param>
    public ScanProgressMeter(long hosts, int portsPerHost)
    {
        _portsPerHost = portsPerHost;
        _total = hosts * portsPerHost;
    }

    /// <summary>A round's discovery is done: <paramref name="down"/> of its <paramref name="hosts"/> are settled already.</summary>
    public void StartRound(int hosts, int down)
    {
        _roundHosts = hosts;
        _roundDown = down;
        _roundProbes = 0;
    }

    /// <summary>The whole scan's progress at the round's port scan's <paramref name="round"/>.</summary>
    public ScanProgress Overall(ScanProgress round)
    {
        _roundProbes = round.ProbesSent;
        var settled = ((_hostsDone + _roundDown) * _portsPerHost) + round.Settled;
        _shown = Math.Min(Math.Max(_shown, settled), _total);
        return new ScanProgress(_shown, _total, _probesDone + _roundProbes, round.Elapsed) { Remaining = Remaining(_shown, round.Elapsed) };
    }

    public void EndRound()
    {
        _hostsDone += _roundHosts;
        _probesDone += _roundProbes;
        _roundHosts = _roundDown = 0;
        _roundProbes = 0;
    }

    private TimeSpan? Remaining(long settled, TimeSpan elapsed) =>
        settled <= 0 || settled >= _total ? null : TimeSpan.FromTicks((long)(elapsed.Ticks * ((double)(_total - settled) / settled)));
}
