namespace NetLens.Core.Trace;

/// <summary>A finished hop as writers show it: numbers fixed, loss read.</summary>
public sealed record HopReport
{
    public required int Ttl { get; init; }
    public required IReadOnlyList<HopHost> Hosts { get; init; }
    public required int Sent { get; init; }
    public required int Received { get; init; }
    public required double LossPercent { get; init; }
    public required double LastMs { get; init; }
    public required double AvgMs { get; init; }
    public required double BestMs { get; init; }
    public required double WorstMs { get; init; }
    public required double StDevMs { get; init; }
    public required double JitterMs { get; init; }

    /// <summary>|newest − previous| round trip (mtr's Jttr).</summary>
    public double CurrentJitterMs { get; init; }

    /// <summary>Largest difference between consecutive round trips (mtr's Jmax).</summary>
    public double WorstJitterMs { get; init; }

    /// <summary>Geometric mean of the round trips (mtr's Gmean).</summary>
    public double GeometricMeanMs { get; init; }
    public required bool ReachedDestination { get; init; }

    /// <summary>A router at this TTL said the target cannot be reached.</summary>
    public bool Unreachable { get; init; }

    /// <summary>The ICMP type and code of that answer (traceroute's !H, !X…); null when none came.</summary>
    public NetLens.Core.Probing.UnreachableCode? Code { get; init; }
    public required LossKind LossKind { get; init; }

    /// <summary>Whether a rise in latency here is the path's or this router's slow replies.</summary>
    public LatencyKind LatencyKind { get; init; }
}
