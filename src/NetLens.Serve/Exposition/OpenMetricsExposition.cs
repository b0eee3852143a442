using System.Text;

namespace NetLens.Serve.Exposition;

/// <summary>
/// OpenMetrics 1.0.0 text, as Prometheus's Go encoder (prometheus/common expfmt) writes it: a counter family named
/// `x_total` is announced as `x` and its samples keep `_total`; a counter without that suffix is typed `unknown`, as
/// Go does; floats are Go's shortest 'g' with `.0` added when neither `.` nor `e` appears; the body ends with `# EOF`.
/// </summary>
public static class OpenMetricsExposition
{
    public const string ContentType = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    public static string Write(MetricSet metrics)
    {
        var text = new StringBuilder();
        foreach (var family in metrics.Families)
        {
            if (family.Samples.Count == 0 && family.Histograms.Count == 0)
            {
                continue;
            }

            var counted = family.Type == MetricType.Counter && family.Name.EndsWith("_total", StringComparison.Ordinal);
            var announced = counted ? family.Name[..^"_total".Length] : family.Name;
            var type = family.Type switch
            {
                MetricType.Counter => counted ? "counter" : "unknown",
                MetricType.Histogram => "histogram",
                _ => "gauge",
            };
            text.Append("# HELP ").Append(announced).Append(' ').Append(TextExposition.EscapeLabel(family.Help)).Append('\n');
            text.Append("# TYPE ").Append(announced).Append(' ').Append(type).Append('\n');
            foreach (var sample in family.Samples.OrderBy(s => HistogramSample.SortKey(s.Labels), StringComparer.Ordinal))
            {
                text.Append(family.Name);
                if (sample.Labels.Count > 0)
                {
                    text.Append('{');
                    text.AppendJoin(',', sample.Labels.Select(l => $"{l.Key}=\"{TextExposition.EscapeLabel(l.Value)}\""));
                    text.Append('}');
                }

                text.Append(' ').Append(Float(sample.Value)).Append('\n');
            }

            TextExposition.AppendHistograms(text, family, Float);
        }

        return text.Append("# EOF\n").ToString();
    }

    /// <summary>Go's writeOpenMetricsFloat: the 'g' text, with `.0` when it would otherwise read as an integer.</summary>
    public static string Float(double value)
    {
        var go = TextExposition.GoFloat(value);
        return double.IsFinite(value) && !go.Contains('.', StringComparison.Ordinal) && !go.Contains('e', StringComparison.Ordinal) ? go + ".0" : go;
    }
}
