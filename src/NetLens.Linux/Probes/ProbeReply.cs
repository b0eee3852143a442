using System.Net;
using NetLens.Core.Probing;
using NetLens.Core.Trace;

namespace NetLens.Linux.Probes;

/// <summary>What a transport read for one of its probes: the flow and sequence the reply quotes, what it says, who sent it, when (Stopwatch ticks).</summary>
public readonly record struct ProbeReply(int Flow, ushort Sequence, ProbeOutcome Outcome, IPAddress? Responder, long ReceivedAt)
{
    /// <summary>MPLS labels from the error's RFC 4884 extensions; empty without them.</summary>
    public IReadOnlyList<MplsLabel> Mpls { get; init; } = [];

    /// <summary>The type and code of an unreachable answer; null for every other outcome.</summary>
    public UnreachableCode? Code { get; init; }
}
