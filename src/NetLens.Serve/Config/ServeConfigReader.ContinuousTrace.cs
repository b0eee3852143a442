using System.Globalization;
using NetLens.Core;
using NetLens.Core.Probing;
using YamlDotNet.RepresentationModel;

namespace NetLens.Serve.Config;

public static partial class ServeConfigReader
{
    private static readonly HashSet<string> ContinuousTraceKeys = ["interval", "protocol", "count", "max_hops", "spacing", "timeout", "port", "concurrency"];

    /// <summary>
    /// `continuous: {trace: {...}}`, as strict as the rest: a round that could outlast the interval is refused here, so
    /// a target's rounds never pile up behind each other.
    /// </summary>
    private static ContinuousTraceSettings ReadContinuousTrace(YamlNode node, string source)
    {
        const string Where = "continuous trace";
        var map = Map(node, source, Where);
        CheckKeys(map, ContinuousTraceKeys, source, Where);
        var defaults = ContinuousTraceSettings.Default;

        ProbeProtocol? protocol = null;
        if (Get(map, "protocol") is { } protocolNode)
        {
            protocol = Scalar(protocolNode, source, "protocol") switch
            {
                "icmp" => ProbeProtocol.Icmp,
                "udp" => ProbeProtocol.Udp,
                "tcp" => ProbeProtocol.Tcp,
                var text => throw Error(source, protocolNode, $"{Where}: protocol must be icmp, udp or tcp, not {InputText.Quote(text)}"),
            };
        }

        var count = Int(map, "count", source, defaults.Count);
        if (count is < 1 or > TraceSettings.MaxCount)
        {
            throw Error(source, Get(map, "count")!, $"{Where}: count must be 1..{TraceSettings.MaxCount}, not {count}");
        }

        var maxHops = Int(map, "max_hops", source, defaults.MaxHops);
        if (maxHops is < 1 or > TraceSettings.MaxTtl)
        {
            throw Error(source, Get(map, "max_hops")!, $"{Where}: max_hops must be 1..{TraceSettings.MaxTtl}, not {maxHops}");
        }

        var concurrency = Int(map, "concurrency", source, defaults.Concurrency);
        if (concurrency is < 1 or > ContinuousTraceSettings.MaxConcurrency)
        {
            throw Error(source, Get(map, "concurrency")!, $"{Where}: concurrency must be 1..{ContinuousTraceSettings.MaxConcurrency}, not {concurrency}");
        }

        var port = TracePort(map, source, protocol, $"{Where}:");

        var interval = TraceDuration(map, "interval", source, defaults.Interval);
        var spacing = TraceDuration(map, "spacing", source, defaults.Spacing);
        var timeout = TraceDuration(map, "timeout", source, defaults.Timeout);
        if (timeout <= TimeSpan.Zero || interval <= TimeSpan.Zero)
        {
            throw Error(source, map, $"{Where}: interval and timeout must be more than 0");
        }

        var settings = new ContinuousTraceSettings(interval, protocol, count, maxHops, spacing, timeout, port, concurrency);
        if (settings.LongestRound > interval)
        {
            throw Error(source, Get(map, "interval") ?? map, string.Create(CultureInfo.InvariantCulture,
                $"{Where}: a round (count {count}, spacing {spacing.TotalSeconds}s, timeout {timeout.TotalSeconds}s) can take {settings.LongestRound.TotalSeconds}s, longer than the interval of {interval.TotalSeconds}s (lengthen the interval or shorten the round)"));
        }

        return settings;
    }

    private static TimeSpan TraceDuration(YamlMappingNode map, string key, string source, TimeSpan fallback)
    {
        if (Get(map, key) is not { } node)
        {
            return fallback;
        }

        var text = Scalar(node, source, key);
        return PrometheusDuration.TryParse(text, out var duration)
            ? duration
            : throw Error(source, node, $"continuous trace: {key} {InputText.Quote(text)} is not a duration such as 60s or 100ms");
    }
}
