namespace NetLens.Core.Probing;

/// <summary>ICMP type numbers (RFC 792) and ICMPv6 type numbers (RFC 4443).</summary>
public static class IcmpTypes
{
    public const byte V4EchoReply = 0;
    public const byte V4DestinationUnreachable = 3;
    public const byte V4EchoRequest = 8;
    public const byte V4TimeExceeded = 11;

    /// <summary>Destination unreachable code 4: fragmentation needed and DF set (RFC 1191).</summary>
    public const byte V4FragmentationNeeded = 4;

    public const byte V6DestinationUnreachable = 1;
    public const byte V6PacketTooBig = 2;
    public const byte V6TimeExceeded = 3;
    public const byte V6EchoRequest = 128;
    public const byte V6EchoReply = 129;

    public const byte IpProtocolIcmp = 1;
    public const byte IpProtocolTcp = 6;
    public const byte IpProtocolUdp = 17;
    public const byte IpProtocolIcmpV6 = 58;
}
