using System.Net;
using NetLens.Core.Probing;
using NetLens.Core.Trace;

namespace NetLens.Cli.Output.Trace;

/// <summary>A finished trace, as the writers need it.</summary>
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
}
