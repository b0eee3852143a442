namespace NetLens.Core.Scanning;

/// <summary>One scanned port's answer; TCP unless said otherwise.</summary>
public readonly record struct PortResult(int Port, PortState State, PortReason Reason, PortProtocol Protocol = PortProtocol.Tcp)
{
    /// <summary>The IP TTL (IPv6 hop limit) of the reply that decided the state; null when none came or the socket does not see it (connect()).</summary>
    public int? ReplyTtl { get; init; }
}
