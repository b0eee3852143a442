using NetLens.Core.Links;

namespace NetLens.Core.Routing;

/// <summary>What a routing notification says happened.</summary>
public enum RouteMonitorAction
{
    Added,

    /// <summary>RTM_NEWROUTE with NLM_F_REPLACE: the route took the place of one with the same key.</summary>
    Replaced,

    Removed,

    /// <summary>ENOBUFS: the kernel dropped notifications because the socket's buffer was full.</summary>
    Overrun,
}

/// <summary>One change the kernel announced: exactly one of route, rule or address is set (none for an overrun).</summary>
public readonly record struct RouteMonitorEvent(
    RouteMonitorAction Action,
    Route? Route = null,
    PolicyRule? Rule = null,
    InterfaceAddress? Address = null);
