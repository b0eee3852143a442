using System.Net;
using System.Net.Sockets;
using NetLens.Core.Addressing;

namespace NetLens.Core.Routing;

/// <summary>One route as the kernel reports it (RTM_NEWROUTE), or the answer to a route lookup.</summary>
public sealed record Route
{
    public required AddressFamily Family { get; init; }

    public RouteType Type { get; init; } = RouteType.Unicast;

    /// <summary>The table id (RTA_TABLE, else rtm_table).</summary>
    public uint Table { get; init; } = RouteTables.Main;

    /// <summary>RTA_DST with rtm_dst_len; 0.0.0.0/0 or ::/0 for "default".</summary>
    public required IpPrefix Destination { get; init; }

    /// <summary>True when the kernel sent an RTA_DST attribute (ip prints "0/len" without it).</summary>
    public bool HasDestinationAttribute { get; init; } = true;

    /// <summary>RTA_SRC with rtm_src_len (source-specific routing, IPv6 "from").</summary>
    public IpPrefix? Source { get; init; }

    public byte Tos { get; init; }

    public byte Protocol { get; init; } = RouteProtocols.Boot;

    public RouteScope Scope { get; init; } = RouteScope.Universe;

    public RouteFlags Flags { get; init; }

    /// <summary>RTA_PRIORITY, what ip calls "metric".</summary>
    public uint? Priority { get; init; }

    /// <summary>RTA_GATEWAY of a single-path route.</summary>
    public IPAddress? Gateway { get; init; }

    /// <summary>RTA_VIA: a gateway of another family (IPv4 route via an IPv6 nexthop).</summary>
    public IPAddress? Via { get; init; }

    /// <summary>RTA_OIF, the output interface index.</summary>
    public int? OutputInterface { get; init; }

    /// <summary>RTA_IIF (route get with --iif).</summary>
    public int? InputInterface { get; init; }

    /// <summary>RTA_PREFSRC, the preferred source address.</summary>
    public IPAddress? PreferredSource { get; init; }

    /// <summary>RTA_MULTIPATH: ECMP nexthops; empty for a single-path route.</summary>
    public IReadOnlyList<Nexthop> Nexthops { get; init; } = [];

    /// <summary>RTA_NH_ID: the route uses a nexthop object.</summary>
    public uint? NexthopId { get; init; }

    /// <summary>RTA_MARK (route get answers).</summary>
    public uint? Mark { get; init; }

    /// <summary>RTA_UID (route get answers).</summary>
    public uint? Uid { get; init; }

    /// <summary>RTA_FLOW: realms, (from &lt;&lt; 16) | to.</summary>
    public uint? Realms { get; init; }

    /// <summary>RTA_PREF: IPv6 router preference (0 medium, 1 high, 3 low).</summary>
    public byte? Ipv6Preference { get; init; }

    /// <summary>RTA_EXPIRES or rta_cacheinfo.rta_expires, in seconds (IPv6 RA routes, cached exceptions).</summary>
    public uint? ExpiresSeconds { get; init; }

    /// <summary>RTA_METRICS (RTAX_*): mtu, advmss, window, rtt, hoplimit, initcwnd…</summary>
    public IReadOnlyList<RouteMetric> Metrics { get; init; } = [];

    /// <summary>Bitmask of locked RTAX_* metrics (RTAX_LOCK).</summary>
    public uint LockedMetrics { get; init; }

    /// <summary>RTAX_CC_ALGO, the one string-valued metric ("congctl cubic").</summary>
    public string? CongestionControl { get; init; }

    /// <summary>RTA_ENCAP_TYPE when the route carries lightweight tunnel encapsulation.</summary>
    public ushort? EncapType { get; init; }

    public bool IsMultipath => Nexthops.Count > 0;
}

/// <summary>One nexthop of a multipath route (struct rtnexthop plus its attributes).</summary>
public sealed record Nexthop
{
    public IPAddress? Gateway { get; init; }

    public IPAddress? Via { get; init; }

    public int? OutputInterface { get; init; }

    /// <summary>rtnh_hops + 1, as ip prints it.</summary>
    public int Weight { get; init; } = 1;

    public RouteFlags Flags { get; init; }

    public uint? Realms { get; init; }
}

/// <summary>One RTAX_* metric value.</summary>
public readonly record struct RouteMetric(ushort Kind, uint Value);

/// <summary>RTAX_* identifiers.</summary>
public static class RouteMetricKinds
{
    public const ushort Lock = 1;
    public const ushort Mtu = 2;
    public const ushort Window = 3;
    public const ushort Rtt = 4;
    public const ushort RttVar = 5;
    public const ushort SsThresh = 6;
    public const ushort Cwnd = 7;
    public const ushort AdvMss = 8;
    public const ushort Reordering = 9;
    public const ushort HopLimit = 10;
    public const ushort InitCwnd = 11;
    public const ushort Features = 12;
    public const ushort RtoMin = 13;
    public const ushort InitRwnd = 14;
    public const ushort QuickAck = 15;
    public const ushort CongestionControl = 16;
    public const ushort FastOpenNoCookie = 17;
}
