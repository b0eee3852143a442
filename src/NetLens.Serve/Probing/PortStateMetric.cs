using NetLens.Serve.Exposition;

namespace NetLens.Serve.Probing;

/// <summary>A port's state as a state set: one series per state the prober can reach, 1 on the one it found, so a query selects by label.</summary>
internal static class PortStateMetric
{
    public static void Set(MetricSet metrics, string name, string help, IReadOnlyList<string> states, string? found)
    {
        var family = metrics.Gauge(name, help);
        foreach (var state in states)
        {
            family.Set(state == found ? 1 : 0, new KeyValuePair<string, string>("state", state));
        }
    }
}
