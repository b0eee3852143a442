using NetLens.Core;
using YamlDotNet.RepresentationModel;

namespace NetLens.Serve.Config;

public static partial class ServeConfigReader
{
    /// <summary>icmp count and interval: the last echo must leave before the module's timeout, or its loss would be the timeout's.</summary>
    private static IcmpSeries ReadIcmpSeries(YamlMappingNode icmp, string source, string module, TimeSpan timeout)
    {
        var count = Int(icmp, "count", source, 1);
        if (count is < 1 or > IcmpSeries.MaxCount)
        {
            throw Error(source, Get(icmp, "count") ?? icmp, $"module {module}: icmp count must be 1..{IcmpSeries.MaxCount}, not {count}");
        }

        var interval = IcmpSeries.Single.Interval;
        if (Get(icmp, "interval") is { } node)
        {
            var text = Scalar(node, source, "interval");
            if (!PrometheusDuration.TryParse(text, out interval) || interval < TimeSpan.FromMilliseconds(1))
            {
                throw Error(source, node, $"module {module}: icmp interval {InputText.Quote(text)} is not a duration of at least 1ms such as 1s or 10ms");
            }
        }

        if (count > 1 && timeout > TimeSpan.Zero && (count - 1) * interval >= timeout)
        {
            throw Error(source, icmp, $"module {module}: icmp count {count} at interval {interval.TotalSeconds}s does not fit in the timeout of {timeout.TotalSeconds}s");
        }

        return new IcmpSeries(count, interval);
    }
}
