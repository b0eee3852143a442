using System.Globalization;
using NetLens.Core;
using YamlDotNet.RepresentationModel;

namespace NetLens.Serve.Config;

public static partial class ServeConfigReader
{
    private static readonly HashSet<string> LimitKeys =
        ["probes_per_second", "probes_burst", "target_probes_per_second", "target_probes_burst", "max_header_bytes", "max_body_bytes", "max_connections"];

    /// <summary>`limits: {…}`: each key optional, the default where absent (<see cref="LimitSettings.Default"/>).</summary>
    private static LimitSettings ReadLimits(YamlNode node, string source)
    {
        var map = Map(node, source, "limits");
        CheckKeys(map, LimitKeys, source, "limits");
        var d = LimitSettings.Default;
        var rate = Rate(map, "probes_per_second", source, d.ProbesPerSecond);
        var targetRate = Rate(map, "target_probes_per_second", source, d.TargetProbesPerSecond);
        return new LimitSettings(
            rate,
            Burst(map, "probes_burst", source, d.ProbesBurst),
            targetRate,
            Burst(map, "target_probes_burst", source, d.TargetProbesBurst),
            (int)Whole(map, "max_header_bytes", source, d.MaxHeaderBytes, 256, 1 << 20),
            Whole(map, "max_body_bytes", source, d.MaxBodyBytes, 0, 1L << 30),
            (int)Whole(map, "max_connections", source, d.MaxConnections, 1, 65536));
    }

    private static double Rate(YamlMappingNode map, string key, string source, double fallback) =>
        Number(map, key, source, fallback, 0, "a rate of 0 (no cap) or more, such as 50 or 0.5");

    private static double Burst(YamlMappingNode map, string key, string source, double fallback) =>
        Number(map, key, source, fallback, 1, "a burst of 1 or more, such as 100");

    private static double Number(YamlMappingNode map, string key, string source, double fallback, double min, string expected)
    {
        if (Get(map, key) is not { } node)
        {
            return fallback;
        }

        var text = Scalar(node, source, key);
        return double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value >= min && double.IsFinite(value)
            ? value
            : throw Error(source, node, $"limits: {key}: {InputText.Quote(text)} is not {expected}");
    }

    private static long Whole(YamlMappingNode map, string key, string source, long fallback, long min, long max)
    {
        if (Get(map, key) is not { } node)
        {
            return fallback;
        }

        var text = Scalar(node, source, key);
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw Error(source, node, $"limits: {key}: {InputText.Quote(text)} is not a whole number in {min}..{max}");
    }
}
