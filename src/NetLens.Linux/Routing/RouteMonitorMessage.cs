using NetLens.Core.Routing;
using NetLens.Linux.Netlink;

namespace NetLens.Linux.Routing;

/// <summary>Decodes one rtnetlink notification (RTM_NEW/DEL ROUTE, RULE, ADDR) with the dump decoders: the layouts are the same.</summary>
internal static class RouteMonitorMessage
{
    // linux/rtnetlink.h, linux/netlink.h
    public const ushort RTM_DELADDR = 21;
    public const ushort RTM_DELROUTE = 25;
    public const ushort RTM_DELRULE = 33;
    public const ushort NLM_F_REPLACE = 0x100;

    /// <summary>Null for messages that are not routing changes, and for cached clones (not table entries).</summary>
    public static RouteMonitorEvent? Decode(in NetlinkMessage message)
    {
        var payload = message.Payload;
        switch (message.Type)
        {
            case Rtnetlink.RTM_NEWROUTE or RTM_DELROUTE:
                if (RouteMessage.IsCloned(payload))
                {
                    return null;
                }

                var action = message.Type == RTM_DELROUTE ? RouteMonitorAction.Removed
                    : (message.Flags & NLM_F_REPLACE) != 0 ? RouteMonitorAction.Replaced
                    : RouteMonitorAction.Added;
                return new RouteMonitorEvent(action, Route: RouteMessage.Decode(payload));
            case Rtnetlink.RTM_NEWRULE or RTM_DELRULE:
                return new RouteMonitorEvent(
                    message.Type == RTM_DELRULE ? RouteMonitorAction.Removed : RouteMonitorAction.Added,
                    Rule: RuleMessage.Decode(payload));
            case Rtnetlink.RTM_NEWADDR or RTM_DELADDR:
                return AddressMessage.Decode(payload) is { } address
                    ? new RouteMonitorEvent(message.Type == RTM_DELADDR ? RouteMonitorAction.Removed : RouteMonitorAction.Added, Address: address)
                    : null;
            default:
                return null;
        }
    }

}
