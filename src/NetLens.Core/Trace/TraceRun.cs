using System.Net;
using NetLens.Core.Probing;

namespace NetLens.Core.Trace;

/// <summary>A trace as the writers need it: what was traced, how, when, and the hops of its <see cref="Rounds"/> whole rounds.</summary>
public sealed record TraceRun(
    string Target,
    IPAddress Address,
    ProbeMechanism Mechanism,
    ProbeProtocol Protocol,
    DateTimeOffset Start,
    DateTimeOffset End,
    int Rounds,
    IReadOnlyList<HopReport> Hops)
{
    /// <summary>How many flows the probes were spread over (--flows); 1 = one constant flow.</summary>
    public int Flows { get; init; } = 1;

    /// <summary>The user stopped the trace before its last round: <see cref="Rounds"/> are the rounds done by then.</summary>
    public bool Interrupted { get; init; }
}
