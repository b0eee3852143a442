using System.Net;

namespace NetLens.Core.Links;

/// <summary>One entry of the kernel's neighbour table (ARP for IPv4, neighbour discovery for IPv6).</summary>
public sealed record Neighbour
{
    public required IPAddress Address { get; init; }
    public required int InterfaceIndex { get; init; }
    public required NeighbourStates State { get; init; }

    /// <summary>The entry holds a link-layer address: the neighbour answered, or it was set by hand.</summary>
    public required bool HasLinkAddress { get; init; }

    /// <summary>How long ago the kernel last confirmed the neighbour reachable (a reply, or traffic from it); null when not said.</summary>
    public TimeSpan? SinceConfirmed { get; init; }
}

/// <summary>The NUD_* states of linux/neighbour.h.</summary>
[Flags]
public enum NeighbourStates : ushort
{
    None = 0,
    Incomplete = 0x01,
    Reachable = 0x02,
    Stale = 0x04,
    Delay = 0x08,
    Probe = 0x10,
    Failed = 0x20,
    NoArp = 0x40,
    Permanent = 0x80,
}
