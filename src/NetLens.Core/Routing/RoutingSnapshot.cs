using NetLens.Core.Links;

namespace NetLens.Core.Routing;

/// <summary>Everything routing depends on, read at one moment: links, addresses, rules and routes.</summary>
public sealed record RoutingSnapshot(
    IReadOnlyList<Link> Links,
    IReadOnlyList<InterfaceAddress> Addresses,
    IReadOnlyList<PolicyRule> Rules,
    IReadOnlyList<Route> Routes)
{
    public InterfaceNames InterfaceNames { get; } = new(Links);
}

/// <summary>Interface index → name, as ip prints it ("if7" for an index it does not know).</summary>
public sealed class InterfaceNames
{
    private readonly Dictionary<int, Link> _byIndex;

    public InterfaceNames(IEnumerable<Link> links) => _byIndex = links.ToDictionary(l => l.Index);

    public string NameOf(int index) => _byIndex.TryGetValue(index, out var link) ? link.Name : $"if{index}";

    public Link? Find(int index) => _byIndex.GetValueOrDefault(index);
}
