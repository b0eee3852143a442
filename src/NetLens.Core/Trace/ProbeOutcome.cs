namespace NetLens.Core.Trace;

/// <summary>What became of one probe.</summary>
public enum ProbeOutcome
{
    /// <summary>No reply within the probe timeout.</summary>
    TimedOut,

    /// <summary>A router on the way sent time exceeded: it is the hop at this TTL.</summary>
    HopReplied,

    /// <summary>The target answered (echo reply, or port unreachable from the target itself).</summary>
    DestinationReached,

    /// <summary>A router said the target cannot be reached (host/net/admin unreachable).</summary>
    Unreachable,
}
