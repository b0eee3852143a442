using System.Globalization;
using System.Text;
using NetLens.Core.Routing;

namespace NetLens.Cli.Output.Classic;

/// <summary>RTA_METRICS as ip prints them: RTAX order, "lock" for locked ones, times in ms or %g seconds.</summary>
internal static class IpRouteMetricsWriter
{
    private const int MaxKind = 17;

    private static readonly string?[] Names =
    [
        null, null, "mtu ", "window ", "rtt ", "rttvar ", "ssthresh ", "cwnd ", "advmss ", "reordering ",
        "hoplimit ", "initcwnd ", "features ", "rto_min ", "initrwnd ", "quickack ", "congctl ", "fastopen_no_cookie ",
    ];

    public static void Append(StringBuilder sb, Route route)
    {
        var locked = route.LockedMetrics;
        var metrics = route.Metrics;
        if (metrics.Count == 0 && route.CongestionControl is null && (locked & ~1u) == 0)
        {
            return;
        }

        Span<uint> values = stackalloc uint[MaxKind + 1];
        Span<bool> present = stackalloc bool[MaxKind + 1];
        for (var i = 0; i < metrics.Count; i++)
        {
            var metric = metrics[i];
            if (metric.Kind is >= 2 and <= MaxKind)
            {
                values[metric.Kind] = metric.Value;
                present[metric.Kind] = true;
            }
        }

        present[RouteMetricKinds.CongestionControl] = route.CongestionControl is not null;
        for (var kind = 2; kind <= MaxKind; kind++)
        {
            var isLocked = kind < 32 && (locked & (1u << kind)) != 0;
            if (!present[kind] && !isLocked)
            {
                continue;
            }

            var value = values[kind];
            if (kind == RouteMetricKinds.HopLimit && value == uint.MaxValue)
            {
                continue;
            }

            sb.Append(Names[kind]);
            if (isLocked)
            {
                sb.Append("lock ");
            }

            switch (kind)
            {
                case RouteMetricKinds.Features:
                    AppendFeatures(sb, value);
                    break;
                case RouteMetricKinds.Rtt:
                    AppendTime(sb, value / 8);
                    break;
                case RouteMetricKinds.RttVar:
                    AppendTime(sb, value / 4);
                    break;
                case RouteMetricKinds.RtoMin:
                    AppendTime(sb, value);
                    break;
                case RouteMetricKinds.CongestionControl:
                    sb.Append(route.CongestionControl).Append(' ');
                    break;
                default:
                    sb.AppendNumber(value).Append(' ');
                    break;
            }
        }
    }

    // RTAX_FEATURE_ECN is bit 0; any other bit makes ip print the whole value in hex as well.
    private static void AppendFeatures(StringBuilder sb, uint features)
    {
        if ((features & 1) != 0)
        {
            sb.Append("ecn ");
        }

        if ((features & ~1u) != 0)
        {
            sb.Append("0x").AppendHex(features).Append(' ');
        }
    }

    private static void AppendTime(StringBuilder sb, uint milliseconds)
    {
        if (milliseconds < 1000)
        {
            sb.AppendNumber(milliseconds).Append("ms ");
            return;
        }

        sb.Append(FormatG(milliseconds / 1e3)).Append("s ");
    }

    /// <summary>C's "%g": six significant digits, no trailing zeros, "e+06" exponents.</summary>
    internal static string FormatG(double value)
    {
        var text = value.ToString("G6", CultureInfo.InvariantCulture);
        var e = text.IndexOf('E', StringComparison.Ordinal);
        if (e < 0)
        {
            return text;
        }

        var exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var sign = exponent < 0 ? '-' : '+';
        return string.Concat(text.AsSpan(0, e), "e", sign.ToString(), Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture));
    }
}
