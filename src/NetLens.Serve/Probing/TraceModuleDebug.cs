using System.Globalization;
using NetLens.Serve.Config;

namespace NetLens.Serve.Probing;

/// <summary>The trace block of the debug page's module configuration, as the config file would say it.</summary>
public static class TraceModuleDebug
{
    public static string Describe(TraceSettings trace)
    {
        var protocol = trace.Protocol is { } p ? p.ToString().ToLowerInvariant() : "default";
        var port = trace.Port is { } set ? string.Create(CultureInfo.InvariantCulture, $"  port: {set}\n") : "";
        return string.Create(CultureInfo.InvariantCulture, $"trace:\n  protocol: {protocol}\n  count: {trace.Count}\n  max_hops: {trace.MaxHops}\n  interval: {trace.Interval.TotalSeconds}s\n{port}");
    }
}
