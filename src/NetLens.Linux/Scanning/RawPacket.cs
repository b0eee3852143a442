using System.Net;
using NetLens.Core.Probing;
using NetLens.Core.Scanning;

namespace NetLens.Linux.Scanning;

/// <summary>
/// One packet a raw socket read: a TCP segment, or an ICMP/ICMPv6 message (an error carries the probe it quotes; echo
/// and timestamp replies carry their identifier and sequence).
/// </summary>
public readonly record struct RawPacket(IPAddress From, bool IsTcp, TcpReply Tcp, IcmpMessage Icmp)
{
    /// <summary>The IPv4 TTL the packet arrived with; null over IPv6, whose raw sockets hand over no header (the hop limit would need IPV6_RECVHOPLIMIT).</summary>
    public int? Ttl { get; init; }
}
