namespace NetLens.Core.Routing.Checks;

/// <summary>What a finding of `routes --check` is about. Each has a stable id (<see cref="FindingKinds.Id"/>) for scripts.</summary>
public enum FindingKind
{
    /// <summary>A more specific route takes part of a broader route's addresses and sends them elsewhere.</summary>
    RouteHidesBroader,

    /// <summary>Ordinary traffic is sent to another table by a policy rule, not by main's default route.</summary>
    PolicyDetour,

    /// <summary>0.0.0.0/1 + 128.0.0.0/1 (or ::/1 + 8000::/1) override the default route.</summary>
    SplitDefault,

    /// <summary>A rule before `lookup main` leads the traffic it selects to a table with a default or broad route.</summary>
    RuleBeforeMain,

    /// <summary>A table other than main and local holds routes `route -n` and `ip route` do not show.</summary>
    RoutesOutsideMain,

    /// <summary>A table holds routes but no policy rule looks it up.</summary>
    TableUnreachable,

    /// <summary>Two or more default routes with the same metric in one table.</summary>
    DuplicateDefault,

    /// <summary>A gateway that no connected network of its device covers, and the route is not onlink.</summary>
    GatewayOffLink,

    /// <summary>Routes on a link that is down or has no carrier.</summary>
    RouteOnDownLink,
}

/// <summary>The stable ids of <see cref="FindingKind"/>, as the JSON and the text print them.</summary>
public static class FindingKinds
{
    public static string Id(FindingKind kind) => kind switch
    {
        FindingKind.RouteHidesBroader => "route-hides-broader",
        FindingKind.PolicyDetour => "policy-detour",
        FindingKind.SplitDefault => "split-default",
        FindingKind.RuleBeforeMain => "rule-before-main",
        FindingKind.RoutesOutsideMain => "routes-outside-main",
        FindingKind.TableUnreachable => "table-unreachable",
        FindingKind.DuplicateDefault => "duplicate-default",
        FindingKind.GatewayOffLink => "gateway-off-link",
        FindingKind.RouteOnDownLink => "route-on-down-link",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
