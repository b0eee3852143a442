using NetLens.Core.Routing.Names;

namespace NetLens.Core.Routing.Checks;

/// <summary>Runs every analyzer of `routes --check` over one snapshot; worst findings first.</summary>
public static class RoutingChecker
{
    public static IReadOnlyList<IRoutingAnalyzer> Analyzers { get; } =
    [
        new RouteHidesBroaderAnalyzer(),
        new PolicyDetourAnalyzer(),
        new SplitDefaultAnalyzer(),
        new RuleBeforeMainAnalyzer(),
        new HiddenTableAnalyzer(),
        new DuplicateDefaultAnalyzer(),
        new GatewayOffLinkAnalyzer(),
        new DownLinkAnalyzer(),
    ];

    public static IReadOnlyList<RoutingFinding> Check(RoutingSnapshot snapshot, IpNames? names = null)
    {
        var context = new CheckContext(snapshot, names);
        return [.. Analyzers.SelectMany(a => a.Analyze(context)).OrderByDescending(f => f.Severity).ThenBy(f => f.Kind)];
    }

    /// <summary>The findings that involve a table: one of their routes is in it, or one of their rules leads to it.</summary>
    public static IReadOnlyList<RoutingFinding> InTable(IEnumerable<RoutingFinding> findings, uint table) =>
        [.. findings.Where(f => f.Routes.Any(r => r.Route.Table == table) || f.Rules.Any(r => r.Action == RuleAction.ToTable && r.Table == table))];
}
