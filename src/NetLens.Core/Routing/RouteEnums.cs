namespace NetLens.Core.Routing;

/// <summary>rtm_type: what the kernel does with a packet that matches the route.</summary>
public enum RouteType : byte
{
    Unspecified = 0,
    Unicast = 1,
    Local = 2,
    Broadcast = 3,
    Anycast = 4,
    Multicast = 5,
    Blackhole = 6,
    Unreachable = 7,
    Prohibit = 8,
    Throw = 9,
    Nat = 10,
    ExternalResolve = 11,
}

/// <summary>rtm_scope: how far away the destination is.</summary>
public enum RouteScope : byte
{
    Universe = 0,
    Site = 200,
    Link = 253,
    Host = 254,
    Nowhere = 255,
}

/// <summary>rtm_flags and the per-nexthop RTNH_F_* flags (the low byte is shared).</summary>
[Flags]
public enum RouteFlags : uint
{
    None = 0,
    Dead = 0x1,
    Pervasive = 0x2,
    OnLink = 0x4,
    Offload = 0x8,
    LinkDown = 0x10,
    Unresolved = 0x20,
    Trap = 0x40,
    Notify = 0x100,
    Cloned = 0x200,
    Equalize = 0x400,
    Prefix = 0x800,
    LookupTable = 0x1000,
    FibMatch = 0x2000,
    RouteOffload = 0x4000,
    RouteTrap = 0x8000,
    RouteOffloadFailed = 0x20000000,
}

/// <summary>Well-known rtm_protocol values (RTPROT_*); any byte is valid.</summary>
public static class RouteProtocols
{
    public const byte Unspecified = 0;
    public const byte Redirect = 1;
    public const byte Kernel = 2;
    public const byte Boot = 3;
    public const byte Static = 4;
    public const byte Ra = 9;
    public const byte Zebra = 11;
    public const byte Bird = 12;
    public const byte Dhcp = 16;
    public const byte Keepalived = 18;
    public const byte Babel = 42;
    public const byte Bgp = 186;
    public const byte Isis = 187;
    public const byte Ospf = 188;
    public const byte Rip = 189;
    public const byte Eigrp = 192;
}

/// <summary>Reserved routing table ids.</summary>
public static class RouteTables
{
    public const uint Unspecified = 0;
    public const uint Default = 253;
    public const uint Main = 254;
    public const uint Local = 255;
}
