namespace NetLens.Core.Probing;

/// <summary>
/// mtr's packet size (-s): the whole IP packet, IP and ICMP or UDP headers included. A probe's payload is what is left
/// after those headers (20 bytes of IPv4 or 40 of IPv6, without options or extension headers, and 8 of ICMP or UDP).
/// </summary>
public static class ProbeSize
{
    public const int TransportHeader = 8;

    /// <summary>The largest size taken: a jumbo frame; larger probes would only be fragments.</summary>
    public const int Largest = 9000;

    public static int IpHeader(bool ipv6) => ipv6 ? 40 : 20;

    /// <summary>The smallest packet size every probe payload of netlens fits in (the raw echo's tag and checksum word).</summary>
    public static int Smallest(bool ipv6) => IpHeader(ipv6) + TransportHeader + IcmpProbePayload.Length;

    /// <summary>The payload length for <paramref name="packetSize"/>; <paramref name="minimum"/> (the probe's own data) without one.</summary>
    public static int Payload(int? packetSize, bool ipv6, int minimum) =>
        packetSize is { } size ? Math.Max(minimum, size - IpHeader(ipv6) - TransportHeader) : minimum;
}
