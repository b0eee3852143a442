namespace NetLens.Serve.Continuous;

/// <summary>Hands every echo event to each sink (the Prometheus state, the OTLP exporter), so both count the same echoes.</summary>
public sealed class ProbeRecorders(IReadOnlyList<IProbeRecorder> sinks) : IProbeRecorder
{
    public void Sent(ContinuousTarget target)
    {
        foreach (var sink in sinks)
        {
            sink.Sent(target);
        }
    }

    public void Received(ContinuousTarget target, TimeSpan rtt)
    {
        foreach (var sink in sinks)
        {
            sink.Received(target, rtt);
        }
    }
}
