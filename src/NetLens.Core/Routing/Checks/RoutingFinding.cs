using NetLens.Core.Routing.Origin;

namespace NetLens.Core.Routing.Checks;

/// <summary>One thing `routes --check` found: what, how bad, in one sentence with the numbers, what is involved, and the fix.</summary>
public sealed record RoutingFinding
{
    public required FindingKind Kind { get; init; }

    public required FindingSeverity Severity { get; init; }

    /// <summary>One sentence with the prefixes, metrics, devices and tables involved.</summary>
    public required string Message { get; init; }

    /// <summary>The fix, in one sentence.</summary>
    public required string Fix { get; init; }

    public IReadOnlyList<FindingRoute> Routes { get; init; } = [];

    public IReadOnlyList<PolicyRule> Rules { get; init; } = [];

    public string Id => FindingKinds.Id(Kind);
}

/// <summary>A route a finding involves, what part it plays ("narrower", "broader", "taken"…), and who put it there.</summary>
public sealed record FindingRoute(Route Route, RouteOrigin Origin, string Role);
