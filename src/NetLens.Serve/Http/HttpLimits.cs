namespace NetLens.Serve.Http;

/// <summary>
/// What one connection may cost the server: the request line and headers (431 over it), a body (413 over it, never
/// held in memory), the time to send a complete head (408 after it: slowloris), and connections at once (503 beyond).
/// </summary>
public sealed record HttpLimits(int MaxHeadBytes, long MaxBodyBytes, int MaxConnections)
{
    public static HttpLimits Default { get; } = new(8192, 65536, 64);

    /// <summary>Prometheus sends its whole request at once; a client still sending after this is holding a slot.</summary>
    public TimeSpan HeadTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
