using NetLens.Core.Probing;

namespace NetLens.Core.Trace;

/// <summary>Sends one round of probes (TTL 1..n at once) and reports what became of each.</summary>
public interface ITraceProber : IDisposable
{
    ProbeMechanism Mechanism { get; }

    TraceFlow Flow { get; }

    /// <summary>One result per TTL 1..<paramref name="ttls"/>, waiting at most <paramref name="timeout"/> for replies.</summary>
    IReadOnlyList<ProbeResult> ProbeRound(int round, int ttls, TimeSpan timeout, CancellationToken cancellationToken);
}
