using System.Net;

namespace NetLens.Core.Probing;

/// <summary>
/// The start of the original datagram an ICMP error quotes (RFC 792/4443: IP header + at least 8 bytes):
/// enough to say which probe it answers.
/// </summary>
public readonly record struct QuotedProbe
{
    public required ProbeProtocol Protocol { get; init; }
    public required IPAddress Source { get; init; }
    public required IPAddress Destination { get; init; }

    /// <summary>ICMP echo identifier; 0 for UDP/TCP.</summary>
    public ushort Identifier { get; init; }

    /// <summary>ICMP echo sequence; 0 for UDP/TCP.</summary>
    public ushort Sequence { get; init; }

    /// <summary>UDP/TCP source port; 0 for ICMP.</summary>
    public ushort SourcePort { get; init; }

    /// <summary>UDP/TCP destination port; 0 for ICMP.</summary>
    public ushort DestinationPort { get; init; }

    /// <summary>TCP sequence number (first 8 bytes of TCP are always quoted); 0 otherwise.</summary>
    public uint TcpSequence { get; init; }

    /// <summary>UDP checksum as sent; Paris-style tracers vary it (not the ports) to number probes.</summary>
    public ushort UdpChecksum { get; init; }

    /// <summary>Bytes of the original transport payload quoted after its 8-byte header (RFC 1812 routers quote more).</summary>
    public ReadOnlyMemory<byte> Payload { get; init; }
}
