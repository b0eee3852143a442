namespace NetLens.Serve.Otlp;

/// <summary>`--otlp-endpoint` and `--otlp-interval`: where the continuous prober's instruments are pushed, and how often.</summary>
public sealed record OtlpSettings(Uri Endpoint, TimeSpan Interval)
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(10);

    /// <summary>The OTLP/HTTP metrics URL: a bare collector address (`http://collector:4318`) gets the signal's path, /v1/metrics.</summary>
    public Uri MetricsUrl => Endpoint.AbsolutePath is "" or "/" ? new Uri(Endpoint, "/v1/metrics") : Endpoint;
}
