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

    /// <summary>Why the hops end where they do; anything but <see cref="TraceStopReason.DestinationReached"/> means the target was not reached.</summary>
    public TraceStopReason StopReason { get; init; }

    public bool Reached => StopReason == TraceStopReason.DestinationReached;

    /// <summary>The probes' whole IP packet size in bytes (mtr -s); null: each mechanism's own smallest probe.</summary>
    public int? PacketSize { get; init; }
}
