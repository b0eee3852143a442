namespace NetLens.Core.Scanning;

/// <summary>How far a scan is: ports settled of all ports of all hosts, and the probes sent so far.</summary>
public readonly record struct ScanProgress(long Settled, long Total, long ProbesSent, TimeSpan Elapsed)
{
    /// <summary>The time left at the pace so far, when the whole scan's share is known (null for one round's own count).</summary>
    public TimeSpan? Remaining { get; init; }
}
