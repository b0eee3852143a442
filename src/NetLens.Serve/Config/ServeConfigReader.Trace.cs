using System.Globalization;
using NetLens.Core;
using NetLens.Core.Probing;
using YamlDotNet.RepresentationModel;

namespace NetLens.Serve.Config;

public static partial class ServeConfigReader
{
    private static readonly HashSet<string> TraceKeys = ["preferred_ip_protocol", "ip_protocol_fallback", "source_ip_address", "protocol", "count", "max_hops", "interval", "port"];

    /// <summary>
    /// The trace module's keys. The rounds must fit the module's timeout: the last round starts (count − 1) × interval
    /// after the first, so a series that cannot start its last round in time is refused here rather than cut every scrape.
    /// </summary>
    private static ProbeModule ReadTrace(ProbeModule module, YamlMappingNode map, string source, string name)
    {
        if (Get(map, "trace") is not { } node)
        {
            return module;
        }

        var trace = Map(node, source, $"module {name} trace");
        CheckKeys(trace, TraceKeys, source, $"module {name} trace");
        var ip = Ip(trace, source, name);
        if (ip.Source is not null)
        {
            // The trace engine's probers bind no source address yet; a silently ignored key would mislead.
            throw Error(source, Get(trace, "source_ip_address")!, $"module {name}: trace source_ip_address is not supported yet (remove it)");
        }

        ProbeProtocol? protocol = null;
        if (Get(trace, "protocol") is { } protocolNode)
        {
            protocol = Scalar(protocolNode, source, "protocol") switch
            {
                "icmp" => ProbeProtocol.Icmp,
                "udp" => ProbeProtocol.Udp,
                "tcp" => ProbeProtocol.Tcp,
                var text => throw Error(source, protocolNode, $"module {name}: trace protocol must be icmp, udp or tcp, not {InputText.Quote(text)}"),
            };
        }

        var count = Int(trace, "count", source, TraceSettings.Default.Count);
        if (count is < 1 or > TraceSettings.MaxCount)
        {
            throw Error(source, Get(trace, "count")!, $"module {name}: trace count must be 1..{TraceSettings.MaxCount}, not {count}");
        }

        var maxHops = Int(trace, "max_hops", source, TraceSettings.Default.MaxHops);
        if (maxHops is < 1 or > TraceSettings.MaxTtl)
        {
            throw Error(source, Get(trace, "max_hops")!, $"module {name}: trace max_hops must be 1..{TraceSettings.MaxTtl}, not {maxHops}");
        }

        var interval = TraceSettings.Default.Interval;
        if (Get(trace, "interval") is { } intervalNode)
        {
            var text = Scalar(intervalNode, source, "interval");
            if (!PrometheusDuration.TryParse(text, out interval))
            {
                throw Error(source, intervalNode, $"module {name}: trace interval {InputText.Quote(text)} is not a duration such as 1s or 100ms");
            }
        }

        var port = TracePort(trace, source, protocol, $"module {name}: trace");

        if (count > 1 && module.Timeout > TimeSpan.Zero && (count - 1) * interval >= module.Timeout)
        {
            throw Error(source, trace, string.Create(CultureInfo.InvariantCulture, $"module {name}: trace count {count} at interval {interval.TotalSeconds}s does not fit in the timeout of {module.Timeout.TotalSeconds}s"));
        }

        return module with { Ip = ip, Trace = new TraceSettings(protocol, count, maxHops, interval, port) };
    }

    /// <summary>A trace's `port:` (udp and tcp probes only), for the /probe module and the continuous rounds alike; <paramref name="what"/> starts the error.</summary>
    private static ushort? TracePort(YamlMappingNode map, string source, ProbeProtocol? protocol, string what)
    {
        if (Get(map, "port") is not { } portNode)
        {
            return null;
        }

        var value = Int(map, "port", source, 0);
        if (value is < 1 or > 65535)
        {
            throw Error(source, portNode, $"{what} port must be 1..65535, not {value}");
        }

        if (protocol is ProbeProtocol.Icmp)
        {
            throw Error(source, portNode, $"{what} port is for udp and tcp probes, not icmp");
        }

        return (ushort)value;
    }
}
