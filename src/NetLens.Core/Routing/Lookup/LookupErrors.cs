namespace NetLens.Core.Routing.Lookup;

/// <summary>The errnos a route lookup ends with, and strerror's words for them (what ip prints after "RTNETLINK answers: ").</summary>
public static class LookupErrors
{
    public const int EACCES = 13;
    public const int EINVAL = 22;
    public const int ENETUNREACH = 101;
    public const int EHOSTUNREACH = 113;

    public static string Describe(int errno) => errno switch
    {
        EACCES => "Permission denied",
        EINVAL => "Invalid argument",
        ENETUNREACH => "Network is unreachable",
        EHOSTUNREACH => "No route to host",
        _ => $"error {errno}",
    };

    /// <summary>fib_props[type].error: the errno a reject route answers with; 0 for a route that forwards.</summary>
    public static int OfRouteType(RouteType type) => type switch
    {
        RouteType.Unreachable => EHOSTUNREACH,
        RouteType.Prohibit => EACCES,
        RouteType.Blackhole => EINVAL,
        _ => 0,
    };

    /// <summary>What a rule's own action answers (fib4_rule_action / fib6_rule_action).</summary>
    public static int OfRuleAction(RuleAction action) => action switch
    {
        RuleAction.Unreachable => ENETUNREACH,
        RuleAction.Prohibit => EACCES,
        _ => EINVAL,
    };
}
