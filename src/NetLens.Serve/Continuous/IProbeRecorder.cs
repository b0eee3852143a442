using System.Net;

namespace NetLens.Serve.Continuous;

/// <summary>One continuously probed target: the name it was listed under (an address or a host name) and the address probed.</summary>
public sealed record ContinuousTarget(string Name, IPAddress Address);

/// <summary>
/// What the continuous prober reports, once per echo. Every sink that turns it into metrics implements this: the
/// Prometheus state behind /metrics and the OTLP exporter, so both carry the same instruments from the same events.
/// </summary>
public interface IProbeRecorder
{
    /// <summary>An echo left for the target (counted whether or not it comes back).</summary>
    void Sent(ContinuousTarget target);

    /// <summary>The echo's reply arrived after <paramref name="rtt"/>.</summary>
    void Received(ContinuousTarget target, TimeSpan rtt);
}
