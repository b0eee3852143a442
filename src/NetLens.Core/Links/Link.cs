using System.Net;
using System.Net.Sockets;

namespace NetLens.Core.Links;

/// <summary>A network interface (RTM_NEWLINK).</summary>
public sealed record Link
{
    public required int Index { get; init; }

    public required string Name { get; init; }

    /// <summary>IFLA_INFO_KIND: veth, bridge, wireguard, tun, vxlan…; null for physical devices.</summary>
    public string? Kind { get; init; }

    /// <summary>The tunnel's underlay (vxlan: VNI, remote, UDP port); null for other links.</summary>
    public Tunnel? Tunnel { get; init; }

    /// <summary>IFF_* flags.</summary>
    public uint Flags { get; init; }

    public uint Mtu { get; init; }

    /// <summary>IFLA_MASTER (bridge or VRF the link is enslaved to).</summary>
    public int? Master { get; init; }

    /// <summary>ARPHRD_* type.</summary>
    public ushort DeviceType { get; init; }

    /// <summary>IFLA_STATS64's packet counters; null when the kernel sent none.</summary>
    public LinkCounters? Counters { get; init; }

    public bool IsUp => (Flags & 0x1) != 0;
}

/// <summary>A device's packet counters (struct rtnl_link_stats64's first two fields).</summary>
public sealed record LinkCounters(ulong RxPackets, ulong TxPackets);

/// <summary>An address on an interface (RTM_NEWADDR).</summary>
public sealed record InterfaceAddress
{
    public required AddressFamily Family { get; init; }

    public required int InterfaceIndex { get; init; }

    /// <summary>IFA_LOCAL (else IFA_ADDRESS): this host's address.</summary>
    public required IPAddress Local { get; init; }

    public required int PrefixLength { get; init; }

    /// <summary>IFA_ADDRESS when it differs from IFA_LOCAL (the peer of a point-to-point link).</summary>
    public IPAddress? Peer { get; init; }

    public byte Scope { get; init; }

    /// <summary>IFA_FLAGS (secondary, tentative, deprecated…).</summary>
    public uint Flags { get; init; }

    public string? Label { get; init; }
}
