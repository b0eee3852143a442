namespace NetLens.Core.Trace;

/// <summary>How to read a hop's loss.</summary>
public enum LossKind
{
    None,

    /// <summary>The hop drops replies addressed to us (ICMP rate limiting) but forwards traffic: later hops do not lose.</summary>
    RateLimited,

    /// <summary>Loss that continues to the destination; it starts at the first hop that shows it.</summary>
    Real,
}
