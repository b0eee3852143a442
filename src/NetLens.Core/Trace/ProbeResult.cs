using System.Net;
using NetLens.Core.Probing;

namespace NetLens.Core.Trace;

/// <summary>
/// One probe: sent in <see cref="Round"/> with <see cref="Ttl"/> on flow <see cref="Flow"/> (0 unless --flows varies
/// the flow identifiers), and what came back.
/// </summary>
public readonly record struct ProbeResult(int Round, int Ttl, ProbeOutcome Outcome, IPAddress? Responder, double RttMs, int Flow = 0)
{
    public bool Answered => Outcome != ProbeOutcome.TimedOut;

    /// <summary>MPLS labels the responder quoted (RFC 4950); empty without ICMP extensions.</summary>
    public IReadOnlyList<MplsLabel> Mpls { get; init; } = [];

    /// <summary>The type and code of an <see cref="ProbeOutcome.Unreachable"/> answer (traceroute's !H, !X…); null otherwise.</summary>
    public UnreachableCode? Code { get; init; }

    public static ProbeResult Lost(int round, int ttl, int flow = 0) => new(round, ttl, ProbeOutcome.TimedOut, null, 0, flow);
}
