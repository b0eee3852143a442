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
        IcmpMessageKind.DestinationUnreachable when SameHost(responder, target) => ProbeOutcome.DestinationReached,
        IcmpMessageKind.DestinationUnreachable or IcmpMessageKind.PacketTooBig => ProbeOutcome.Unreachable,
        _ => null,
    };

    /// <summary>The same address whatever its zone: a link-local target carries its scope id, the answer's source does not.</summary>
    /// <remarks>IPv4 addresses have no scope id (asking for one throws).</remarks>
    public static bool SameHost(IPAddress a, IPAddress b) =>
        a.AddressFamily == b.AddressFamily
        && (a.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6 || a.ScopeId == b.ScopeId || a.ScopeId == 0 || b.ScopeId == 0)
        && a.GetAddressBytes().AsSpan().SequenceEqual(b.GetAddressBytes());
}
