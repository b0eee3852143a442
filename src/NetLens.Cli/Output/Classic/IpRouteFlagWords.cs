using System.Text;
using NetLens.Core.Routing;

namespace NetLens.Cli.Output.Classic;

/// <summary>The flag words ip prints for rtm_flags / rtnh_flags, and the IPv4 "cache &lt;…&gt;" RTCF_* list.</summary>
internal static class IpRouteFlagWords
{
    // Order is print_rt_flags' order; RTM_F_OFFLOAD_FAILED shares its bit with RTCF_MULTICAST, and ip prints both.
    private static readonly (RouteFlags Flag, string Word)[] RouteWords =
    [
        (RouteFlags.Dead, "dead "),
        (RouteFlags.OnLink, "onlink "),
        (RouteFlags.Pervasive, "pervasive "),
        (RouteFlags.Offload, "offload "),
        (RouteFlags.Trap, "trap "),
        (RouteFlags.Notify, "notify "),
        (RouteFlags.LinkDown, "linkdown "),
        (RouteFlags.Unresolved, "unresolved "),
        (RouteFlags.RouteOffload, "rt_offload "),
        (RouteFlags.RouteTrap, "rt_trap "),
        (RouteFlags.RouteOffloadFailed, "rt_offload_failed "),
    ];

    // RTCF_* (include/uapi/linux/in_route.h), in the order ip lists them.
    private static readonly (uint Flag, string Word)[] CacheWords =
    [
        (0x80000000, "local"),
        (0x40000000, "reject"),
        (0x20000000, "mc"),
        (0x10000000, "brd"),
        (0x08000000, "dst-nat"),
        (0x00800000, "src-nat"),
        (0x00400000, "masq"),
        (0x00020000, "dst-direct"),
        (0x04000000, "src-direct"),
        (0x00040000, "redirected"),
        (0x01000000, "redirect"),
        (0x00200000, "fastroute"),
        (0x00010000, "notify"),
        (0x00080000, "proxy"),
    ];

    public static void AppendRouteFlags(StringBuilder sb, RouteFlags flags)
    {
        if (flags == RouteFlags.None)
        {
            return;
        }

        foreach (var (flag, word) in RouteWords)
        {
            if ((flags & flag) != 0)
            {
                sb.Append(word);
            }
        }
    }

    /// <summary>"\n    cache " then "&lt;local,brd&gt; " for the RTCF bits (the upper 16 bits of rtm_flags).</summary>
    public static void AppendCacheFlags(StringBuilder sb, RouteFlags routeFlags)
    {
        sb.Append("\n    cache ");
        var flags = (uint)routeFlags & ~0xFFFFu;
        if (flags == 0)
        {
            return;
        }

        sb.Append('<');
        foreach (var (flag, word) in CacheWords)
        {
            if ((flags & flag) == 0)
            {
                continue;
            }

            flags &= ~flag;
            sb.Append(word).Append(flags != 0 ? "," : "> ");
        }

        if (flags != 0)
        {
            sb.AppendHex(flags).Append('>');
        }
    }
}
