using System.Net;

namespace NetLens.Engines.Port;

/// <summary>What `port test` sends: to which address and port, TCP or UDP, how long to wait, how often to try (UDP).</summary>
public sealed record PortTestRequest(IPEndPoint Target, bool Udp, TimeSpan Timeout, int Attempts)
{
    /// <summary>The far side's namespace (`--peer-netns`), when this host can enter it: a tunnel's port is then proved by a frame.</summary>
    public string? PeerNetns { get; init; }
}
