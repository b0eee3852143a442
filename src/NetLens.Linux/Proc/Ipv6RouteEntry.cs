using System.Net;
using NetLens.Core.Addressing;

namespace NetLens.Linux.Proc;

/// <summary>One line of /proc/net/ipv6_route.</summary>
public readonly record struct Ipv6RouteEntry(
    IpPrefix Destination,
    IpPrefix Source,
    IPAddress NextHop,
    uint Metric,
    uint ReferenceCount,
    uint Use,
    uint Flags,
    string Interface);

/// <summary>RTF_* bits of the flags column (include/uapi/linux/route.h and ipv6_route.h).</summary>
public static class Ipv6RouteFlags
{
    public const uint Up = 0x1;
    public const uint Gateway = 0x2;
    public const uint Host = 0x4;
    public const uint Modified = 0x20;
    public const uint Reject = 0x200;
    public const uint Default = 0x10000;
    public const uint AllOnLink = 0x20000;
    public const uint AddrConf = 0x40000;
    public const uint PrefixRoute = 0x80000;
    public const uint Anycast = 0x100000;
    public const uint NoNextHop = 0x200000;
    public const uint Expires = 0x400000;
    public const uint RouteInfo = 0x800000;
    public const uint Cache = 0x1000000;
    public const uint Flow = 0x2000000;
    public const uint Policy = 0x4000000;
    public const uint Local = 0x80000000;
}
