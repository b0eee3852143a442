namespace NetLens.Core.Trace;

/// <summary>What a hop's latency says about the path, beside what the numbers say.</summary>
public enum LatencyKind
{
    /// <summary>Nothing stands out: the hop is about as fast as the hop before it.</summary>
    None,

    /// <summary>Latency rises here and stays to the last hop: the path adds it between the previous hop and this one.</summary>
    Jump,

    /// <summary>This router answers slowly but later hops are faster again: its own replies are slow, packets are not delayed.</summary>
    SlowReply,
}
