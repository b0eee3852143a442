using System.Net;
using NetLens.Core.Probing;

namespace NetLens.Core.Trace;

/// <summary>One address that answered at a hop, and its share of the hop's replies.</summary>
public readonly record struct HopHost(IPAddress Address, int Replies, double SharePercent)
{
    /// <summary>The MPLS labels of its latest reply that carried any (RFC 4950); empty when it never sent them.</summary>
    public IReadOnlyList<MplsLabel> Mpls { get; init; } = [];
    /// <summary>The flows (0-based, see --flows) whose probes this address answered, ascending: with several flows, the parallel paths.</summary>
    public IReadOnlyList<int> Flows { get; init; } = [];
}
