namespace NetLens.Serve.Config;

/// <summary>
/// udp: what the datagram carries (null: the UDP scan's payload for the port, a protocol request on the well-known ports
/// and empty elsewhere) and whether silence fails the probe (expect_reply) or passes as open|filtered.
/// </summary>
public sealed record UdpSettings(byte[]? Payload, bool ExpectReply)
{
    public static UdpSettings Default { get; } = new(null, false);
}
