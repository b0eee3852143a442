namespace NetLens.Core.Routing.Lookup;

/// <summary>The kernel's answer to a lookup: a route, or its refusal (errno and its strerror text, as ip prints after "RTNETLINK answers: ").</summary>
public readonly record struct RouteLookupOutcome(Route? Route, int Errno, string? Error)
{
    public bool Found => Route is not null;

    /// <summary>The kernel's extended ack text (NLMSGERR_ATTR_MSG) for a refusal, when it sent one.</summary>
    public string? KernelMessage { get; init; }
}
