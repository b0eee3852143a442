namespace NetLens.Core.Scanning;

/// <summary>The limits one scan's timing adapts within (later: the -T0…-T5 presets, --min-rate/--max-rate).</summary>
public sealed record ScanTiming
{
    /// <summary>Timeout before any reply has been measured.</summary>
    public TimeSpan InitialTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A reply sooner than RTT can arrive; keeps a noisy few-µs loopback RTT from timing out real probes.</summary>
    public TimeSpan MinTimeout { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts after the first for a port that stayed silent.</summary>
    public int MaxRetries { get; init; } = 2;

    /// <summary>On a lossy path silent ports get more attempts, up to this many retries, so an answering port is not called filtered.</summary>
    public int MaxRetriesUnderLoss { get; init; } = 20;

    /// <summary>The chance, accepted per port, that loss alone makes an answering port look filtered.</summary>
    public double MissedAnswerRisk { get; init; } = 1e-8;

    /// <summary>RTT jitter that is not yet queueing: loss with the smoothed RTT under 2·min + this is taken as random loss.</summary>
    public TimeSpan QueueingAllowance { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Probes in flight per host at the start.</summary>
    public double InitialWindow { get; init; } = 10;

    /// <summary>The window never drops below this.</summary>
    public double MinWindow { get; init; } = 1;

    /// <summary>The window never grows past this (the socket budget may cap it further).</summary>
    public double MaxWindow { get; init; } = 1000;

    /// <summary>Slow start doubles the window per round trip up to here, then grows it by one per window.</summary>
    public double InitialSlowStartThreshold { get; init; } = 75;

    /// <summary>The least time between two probes to one host (nmap's --scan-delay; the slow -T templates set it).</summary>
    public TimeSpan ScanDelay { get; init; } = TimeSpan.Zero;

    /// <summary>--host-timeout: a host whose port scan takes longer is given up (its ports are not reported); null for no limit.</summary>
    public TimeSpan? HostTimeout { get; init; }

    public static ScanTiming Default { get; } = new();
}
