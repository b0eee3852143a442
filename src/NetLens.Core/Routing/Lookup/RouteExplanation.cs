using System.Net.Sockets;
using NetLens.Core.Routing.Policy;

namespace NetLens.Core.Routing.Lookup;

/// <summary>Everything the writers need to say about one lookup.</summary>
public sealed record RouteExplanation(
    ResolvedTarget Target,
    RouteLookupRequest Request,
    RouteLookupOutcome Outcome,
    Route? MatchedRoute,
    PolicyRule? Rule,
    PacketFacts Packet)
{
    public AddressFamily Family => Target.Address.AddressFamily;

    /// <summary>
    /// A forwarding question (--iif) refused where the input interface does not forward (its forwarding sysctl is 0):
    /// the kernel then answers "no route to host" whatever its tables hold.
    /// </summary>
    public bool InputForwardingOff { get; init; }
}
