using System.Globalization;

namespace NetLens.Serve.Exposition;

/// <summary>
/// Picks the exposition format from a scrape's Accept header: OpenMetrics 1.0.0 when the header names
/// application/openmetrics-text (version 1.0.0, 0.0.1 or none) before any text/plain by q, as Prometheus 2.x asks
/// first; text 0.0.4 otherwise. Wildcards (curl's `*/*`) get text, as older Go clients answered: a tool that did not
/// ask for OpenMetrics is not handed it.
/// </summary>
public sealed class ExpositionFormat
{
    public static readonly ExpositionFormat Text = new(TextExposition.ContentType, TextExposition.Write);

    public static readonly ExpositionFormat OpenMetrics = new(OpenMetricsExposition.ContentType, OpenMetricsExposition.Write);

    private readonly Func<MetricSet, string> _write;

    private ExpositionFormat(string contentType, Func<MetricSet, string> write)
    {
        ContentType = contentType;
        _write = write;
    }

    public string ContentType { get; }

    public string Write(MetricSet metrics) => _write(metrics);

    public static ExpositionFormat Negotiate(string? accept)
    {
        if (string.IsNullOrWhiteSpace(accept))
        {
            return Text;
        }

        // Highest q first; equal q keep the header's order (OrderBy is stable).
        var ranges = accept.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(Parse)
            .Where(r => r.Quality > 0)
            .OrderByDescending(r => r.Quality);
        foreach (var (mediaType, version, _) in ranges)
        {
            if (mediaType == "application/openmetrics-text" && version is null or "1.0.0" or "0.0.1")
            {
                return OpenMetrics;
            }

            if (mediaType == "text/plain" && version is null or "0.0.4")
            {
                return Text;
            }
        }

        return Text;
    }

    private static (string MediaType, string? Version, double Quality) Parse(string range)
    {
        var parts = range.Split(';', StringSplitOptions.TrimEntries);
        string? version = null;
        var quality = 1.0;
        foreach (var parameter in parts.Skip(1))
        {
            var equals = parameter.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            var key = parameter[..equals].Trim();
            var value = parameter[(equals + 1)..].Trim().Trim('"');
            if (key.Equals("version", StringComparison.OrdinalIgnoreCase))
            {
                version = value;
            }
            else if (key.Equals("q", StringComparison.OrdinalIgnoreCase)
                && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out quality))
            {
                quality = 0;
            }
        }

        return (parts[0].ToLowerInvariant(), version, quality);
    }
}
