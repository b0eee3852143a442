using NetLens.Core.Links;

namespace NetLens.Core.Routing.Diff;

/// <summary>Everything that differs between two routing snapshots.</summary>
public sealed record RoutingDiff(
    IReadOnlyList<Change<Route>> Routes,
    IReadOnlyList<Change<PolicyRule>> Rules,
    IReadOnlyList<Change<InterfaceAddress>> Addresses)
{
    public int Count => Routes.Count + Rules.Count + Addresses.Count;

    public bool IsEmpty => Count == 0;
}
