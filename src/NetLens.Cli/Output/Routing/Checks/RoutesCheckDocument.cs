using NetLens.Cli.Output.Json;

namespace NetLens.Cli.Output.Routing.Checks;

/// <summary>`netlens routes --check --json`: every finding, worst first; an empty list when routing is clean (exit 0).</summary>
public sealed record RoutesCheckDocument(IReadOnlyList<FindingJson> Findings);

/// <summary>One finding: its stable id, severity, the sentence, the fix, and the routes and rules involved.</summary>
public sealed record FindingJson
{
    /// <summary>Stable id: route-hides-broader, policy-detour, split-default, rule-before-main, routes-outside-main, table-unreachable, duplicate-default, gateway-off-link, route-on-down-link.</summary>
    public required string Id { get; init; }

    /// <summary>notice, warning or error.</summary>
    public required string Severity { get; init; }

    public required string Message { get; init; }

    public required string Fix { get; init; }

    public required IReadOnlyList<FindingRouteJson> Routes { get; init; }

    public required IReadOnlyList<RuleJson> Rules { get; init; }
}

/// <summary>A route a finding involves: its part in it, ip's words for it, its table and who put it there.</summary>
public sealed record FindingRouteJson
{
    public required string Role { get; init; }

    /// <summary>The route as `ip route show table all` prints it.</summary>
    public required string Ip { get; init; }

    public required string Destination { get; init; }

    public required string Table { get; init; }

    public required uint TableId { get; init; }

    public required OriginJson Origin { get; init; }
}
