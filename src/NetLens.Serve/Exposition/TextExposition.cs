using System.Globalization;
using System.Text;

namespace NetLens.Serve.Exposition;

/// <summary>
/// Prometheus text exposition format 0.0.4: `# HELP`, `# TYPE`, then `name{label="value"} value` per sample. Values are
/// written as Go's strconv.FormatFloat(v, 'g', -1, 64) writes them (what blackbox_exporter and every Go exporter print),
/// so the same value reads the same from both.
/// </summary>
public static class TextExposition
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Write(MetricSet metrics)
    {
        var text = new StringBuilder();
        foreach (var family in metrics.Families)
        {
            if (family.Samples.Count == 0 && family.Histograms.Count == 0)
            {
                continue;
            }

            text.Append("# HELP ").Append(family.Name).Append(' ').Append(EscapeHelp(family.Help)).Append('\n');
            text.Append("# TYPE ").Append(family.Name).Append(' ').Append(family.Type switch { MetricType.Counter => "counter", MetricType.Histogram => "histogram", _ => "gauge" }).Append('\n');
            foreach (var sample in family.Samples.OrderBy(s => string.Join('\u0001', s.Labels.Select(l => l.Value)), StringComparer.Ordinal))
            {
                text.Append(family.Name);
                if (sample.Labels.Count > 0)
                {
                    text.Append('{');
                    text.AppendJoin(',', sample.Labels.Select(l => $"{l.Key}=\"{EscapeLabel(l.Value)}\""));
                    text.Append('}');
                }

                text.Append(' ').Append(GoFloat(sample.Value)).Append('\n');
            }

            AppendHistograms(text, family, GoFloat);
        }

        return text.ToString();
    }

    /// <summary>Go's shortest 'g': the fewest digits that read back the same, in e-notation when the decimal exponent is below -4 or at least 6.</summary>
    public static string GoFloat(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "+Inf" : "-Inf";
        }

        if (value == 0)
        {
            return "0";
        }

        // "R" gives the shortest round-trip digits; take digits and decimal point apart, then lay them out as Go does.
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = shortest.StartsWith('-');
        var body = negative ? shortest[1..] : shortest;
        var exponentAt = body.IndexOf('E', StringComparison.Ordinal);
        var mantissa = exponentAt >= 0 ? body[..exponentAt] : body;
        var exponent = exponentAt >= 0 ? int.Parse(body[(exponentAt + 1)..], CultureInfo.InvariantCulture) : 0;
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = point >= 0 ? mantissa.Remove(point, 1) : mantissa;
        var pointPosition = (point >= 0 ? point : mantissa.Length) + exponent;
        var trimmed = digits.TrimStart('0');
        pointPosition -= digits.Length - trimmed.Length;
        digits = trimmed.TrimEnd('0');

        var decimalExponent = pointPosition - 1;
        string result;
        if (decimalExponent is < -4 or >= 6)
        {
            var fraction = digits.Length > 1 ? "." + digits[1..] : "";
            result = $"{digits[0]}{fraction}e{(decimalExponent < 0 ? '-' : '+')}{Math.Abs(decimalExponent):00}";
        }
        else if (pointPosition <= 0)
        {
            result = "0." + new string('0', -pointPosition) + digits;
        }
        else if (pointPosition >= digits.Length)
        {
            result = digits + new string('0', pointPosition - digits.Length);
        }
        else
        {
            result = digits[..pointPosition] + "." + digits[pointPosition..];
        }

        return negative ? "-" + result : result;
    }

    /// <summary>Each histogram as the Go client writes it in both formats: `_bucket` lines with `le` last, then `_sum` and `_count`; counts as integers.</summary>
    internal static void AppendHistograms(StringBuilder text, MetricFamily family, Func<double, string> format)
    {
        foreach (var histogram in family.Histograms.OrderBy(h => HistogramSample.SortKey(h.Labels), StringComparer.Ordinal))
        {
            var labels = string.Join(',', histogram.Labels.Select(l => $"{l.Key}=\"{EscapeLabel(l.Value)}\""));
            var braces = labels.Length > 0 ? "{" + labels + "}" : "";
            var comma = labels.Length > 0 ? labels + "," : "";
            foreach (var (upperBound, count) in histogram.Buckets())
            {
                text.Append(family.Name).Append("_bucket{").Append(comma).Append("le=\"").Append(format(upperBound)).Append("\"} ").Append(count).Append('\n');
            }

            text.Append(family.Name).Append("_sum").Append(braces).Append(' ').Append(format(histogram.Sum)).Append('\n');
            text.Append(family.Name).Append("_count").Append(braces).Append(' ').Append(histogram.Count).Append('\n');
        }
    }

    private static string EscapeHelp(string help) => help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    internal static string EscapeLabel(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
