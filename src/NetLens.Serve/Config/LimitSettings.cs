namespace NetLens.Serve.Config;

/// <summary>
/// `limits:` — what keeps serve from being an open prober or an easy target: probe rate caps (token buckets, a rate
/// and a burst; a rate of 0 turns that cap off) and the HTTP server's size and connection bounds.
/// </summary>
public sealed record LimitSettings(
    double ProbesPerSecond,
    double ProbesBurst,
    double TargetProbesPerSecond,
    double TargetProbesBurst,
    int MaxHeaderBytes,
    long MaxBodyBytes,
    int MaxConnections)
{
    /// <summary>
    /// Enough for a Prometheus scraping a few hundred /probe targets every 15 s and a few scrapers of one target,
    /// too little to sweep a network; a head of 8 KiB as most servers; bodies only reach POST /-/reload, which reads none.
    /// </summary>
    public static LimitSettings Default { get; } = new(50, 100, 5, 10, 8192, 65536, 256);
}
