using System.Net.Sockets;
using NetLens.Core.Addressing;
using NetLens.Core.Routing.Names;
using NetLens.Core.Routing.Origin;

namespace NetLens.Core.Routing.Checks;

/// <summary>The snapshot being checked, with the lookups every analyzer needs: rules in kernel order, routes by family, names.</summary>
public sealed class CheckContext
{
    private readonly Dictionary<AddressFamily, IReadOnlyList<PolicyRule>> _rules = [];
    private readonly Dictionary<AddressFamily, List<Route>> _byFamily = [];
    private readonly Dictionary<(AddressFamily, uint), List<Route>> _byTable = [];
    private readonly Dictionary<(AddressFamily, uint), PrefixBuckets<Route>> _tableIndex = [];

    public CheckContext(RoutingSnapshot snapshot, IpNames? names = null)
    {
        Snapshot = snapshot;
        Names = names ?? IpNames.Default;

        // Grouped once: analyzers ask for a family's or a table's routes per route they look at.
        foreach (var family in Families)
        {
            _byFamily[family] = [];
        }

        foreach (var route in snapshot.Routes)
        {
            if (!_byFamily.TryGetValue(route.Family, out var family))
            {
                _byFamily[route.Family] = family = [];
            }

            family.Add(route);
            if (!_byTable.TryGetValue((route.Family, route.Table), out var table))
            {
                _byTable[(route.Family, route.Table)] = table = [];
            }

            table.Add(route);
        }
    }

    public RoutingSnapshot Snapshot { get; }

    public IpNames Names { get; }

    public static IReadOnlyList<AddressFamily> Families { get; } = [AddressFamily.InterNetwork, AddressFamily.InterNetworkV6];

    /// <summary>The family's rules by priority; the kernel's three defaults when the snapshot has none (a hand-built one).</summary>
    public IReadOnlyList<PolicyRule> RulesOf(AddressFamily family)
    {
        if (!_rules.TryGetValue(family, out var rules))
        {
            var own = Snapshot.Rules.Where(r => r.Family == family).OrderBy(r => r.Priority).ToList();
            rules = own.Count > 0 ? own : DefaultRules(family);
            _rules[family] = rules;
        }

        return rules;
    }

    public IReadOnlyList<Route> RoutesOf(AddressFamily family) => _byFamily.TryGetValue(family, out var routes) ? routes : [];

    public IReadOnlyList<Route> RoutesOf(AddressFamily family, uint table) => _byTable.TryGetValue((family, table), out var routes) ? routes : [];

    /// <summary>The table's routes by prefix, built on first use: which of them cover an address, longest first.</summary>
    public PrefixBuckets<Route> TableIndex(AddressFamily family, uint table)
    {
        if (!_tableIndex.TryGetValue((family, table), out var index))
        {
            _tableIndex[(family, table)] = index = new PrefixBuckets<Route>(family, RoutesOf(family, table).Select(r => (r.Destination, r)));
        }

        return index;
    }

    public FindingRoute Involve(Route route, string role) =>
        new(route, RouteOriginClassifier.Classify(route, Snapshot.InterfaceNames, Snapshot.Rules), role);

    public string TableName(uint table) => Names.TableName(table);

    public string DeviceName(int index) => Snapshot.InterfaceNames.NameOf(index);

    /// <summary>Short words for a message: "198.19.0.0/16 dev docker0", "default via 198.18.0.1 dev eth0 metric 100 (table 100)".</summary>
    public string Describe(Route route, bool withTable = false)
    {
        var text = route.Type == RouteType.Unicast ? Destination(route.Destination) : $"{IpNames.RouteTypeName(route.Type)} {Destination(route.Destination)}";
        text += PathWords(route);
        if (route.Priority is { } metric && metric != 0)
        {
            text += $" metric {metric}";
        }

        return withTable && route.Table != RouteTables.Main ? $"{text} (table {TableName(route.Table)})" : text;
    }

    /// <summary>" via 198.18.0.1 dev eth0", " dev docker0", or the nexthops of a multipath route.</summary>
    public string PathWords(Route route)
    {
        if (route.IsMultipath)
        {
            return string.Concat(route.Nexthops.Select(n => " nexthop" + Hop(n.Gateway ?? n.Via, n.OutputInterface)));
        }

        return Hop(route.Gateway ?? route.Via, route.OutputInterface);
    }

    /// <summary>The devices a route sends to (every nexthop's).</summary>
    public static IEnumerable<int> Devices(Route route) => route.IsMultipath
        ? route.Nexthops.Where(n => n.OutputInterface is not null).Select(n => n.OutputInterface!.Value)
        : route.OutputInterface is { } oif ? [oif] : [];

    public static string Destination(IpPrefix prefix) =>
        prefix.IsDefault ? "default" : prefix.IsHost ? prefix.Address.ToString() : prefix.ToString();

    private string Hop(System.Net.IPAddress? gateway, int? device) =>
        (gateway is null ? string.Empty : $" via {gateway}") + (device is { } dev ? $" dev {DeviceName(dev)}" : string.Empty);

    private static List<PolicyRule> DefaultRules(AddressFamily family)
    {
        var rules = new List<PolicyRule>
        {
            new() { Family = family, Priority = 0, Table = RouteTables.Local },
            new() { Family = family, Priority = 32766, Table = RouteTables.Main },
        };
        if (family == AddressFamily.InterNetwork)
        {
            rules.Add(new() { Family = family, Priority = 32767, Table = RouteTables.Default });
        }

        return rules;
    }
}
