using System.Net;
using NetLens.Core.Probing;

namespace NetLens.Core.Trace;

/// <summary>Turns an ICMP answer into what it says about the path.</summary>
public static class ProbeOutcomes
{
    /// <summary>The outcome, or null for a message that says nothing about the probe (redirects…).</summary>
    public static ProbeOutcome? Of(IcmpMessageKind kind, IPAddress responder, IPAddress target) => kind switch
    {
        IcmpMessageKind.EchoReply => ProbeOutcome.DestinationReached,
        IcmpMessageKind.TimeExceeded => ProbeOutcome.HopReplied,

        // The target refusing the port (UDP probes' usual end) is the target answering.
        IcmpMessageKind.DestinationUnreachable when responder.Equals(target) => ProbeOutcome.DestinationReached,
        IcmpMessageKind.DestinationUnreachable or IcmpMessageKind.PacketTooBig => ProbeOutcome.Unreachable,
        _ => null,
    };
}
