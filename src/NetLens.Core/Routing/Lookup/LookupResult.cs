namespace NetLens.Core.Routing.Lookup;

/// <summary>How an in-process lookup ended.</summary>
public enum LookupStatus
{
    /// <summary>A route, built as the kernel's RTM_GETROUTE answer would be.</summary>
    Answered,

    /// <summary>No route: Errno says what the kernel answers (ENETUNREACH, EHOSTUNREACH, EACCES, EINVAL).</summary>
    Refused,

    /// <summary>The kernel's choice cannot be reproduced here (ECMP hash, neighbour state, RFC 6724 ties…): ask it.</summary>
    AskKernel,
}

/// <summary>The engine's answer to one question, with the decision trace when asked for.</summary>
public sealed record LookupResult(LookupStatus Status, Route? Answer, int Errno, string? Reason, LookupTrace? Trace)
{
    /// <summary>strerror's words for Errno when refused.</summary>
    public string? Error => Status == LookupStatus.Refused ? LookupErrors.Describe(Errno) : null;

    /// <summary>The route that matched in its table (the kernel's fibmatch answer), when one did.</summary>
    public Route? MatchedRoute { get; init; }

    /// <summary>The rule that decided, when one did.</summary>
    public PolicyRule? Rule { get; init; }
}
