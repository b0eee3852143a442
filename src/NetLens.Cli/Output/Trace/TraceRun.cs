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
    IReadOnlyList<HopReport> Hops);
