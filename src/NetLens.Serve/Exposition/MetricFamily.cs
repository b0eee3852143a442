namespace NetLens.Serve.Exposition;

public enum MetricType
{
    Gauge,
    Counter,
    Histogram,
}

/// <summary>One sample: its label pairs in order, and its value.</summary>
public readonly record struct Sample(IReadOnlyList<KeyValuePair<string, string>> Labels, double Value);

/// <summary>A metric family as the exposition formats group it: one name, help and type, its samples.</summary>
public sealed class MetricFamily(string name, string help, MetricType type)
{
    private readonly List<Sample> _samples = [];
    private readonly List<HistogramSample> _histograms = [];

    public string Name { get; } = name;

    public string Help { get; } = help;

    public MetricType Type { get; } = type;

    public IReadOnlyList<Sample> Samples => _samples;

    public IReadOnlyList<HistogramSample> Histograms => _histograms;

    /// <summary>Sets the histogram with these label pairs, replacing one with the same pairs.</summary>
    public MetricFamily SetHistogram(HistogramSample histogram)
    {
        _histograms.RemoveAll(h => h.Labels.SequenceEqual(histogram.Labels));
        _histograms.Add(histogram);
        return this;
    }

    /// <summary>Adds a sample the caller knows is new (thousands of continuous targets: no search for one to replace).</summary>
    public MetricFamily Add(double value, KeyValuePair<string, string>[] labels)
    {
        _samples.Add(new Sample(labels, value));
        return this;
    }

    /// <summary>Adds a histogram the caller knows is new.</summary>
    public MetricFamily Add(HistogramSample histogram)
    {
        _histograms.Add(histogram);
        return this;
    }

    /// <summary>Sets the unlabelled sample (a plain gauge), replacing it.</summary>
    public MetricFamily Set(double value)
    {
        _samples.RemoveAll(s => s.Labels.Count == 0);
        _samples.Add(new Sample([], value));
        return this;
    }

    /// <summary>Sets the sample with these label pairs, replacing one with the same pairs.</summary>
    public MetricFamily Set(double value, params KeyValuePair<string, string>[] labels)
    {
        _samples.RemoveAll(s => s.Labels.SequenceEqual(labels));
        _samples.Add(new Sample(labels, value));
        return this;
    }
}

/// <summary>The metrics one probe (or one /metrics scrape) gathers; families are written sorted by name, as Prometheus's Go client does.</summary>
public sealed class MetricSet
{
    private readonly Dictionary<string, MetricFamily> _families = new(StringComparer.Ordinal);

    public MetricFamily Gauge(string name, string help) => Add(name, help, MetricType.Gauge);

    public MetricFamily Counter(string name, string help) => Add(name, help, MetricType.Counter);

    public MetricFamily Histogram(string name, string help) => Add(name, help, MetricType.Histogram);

    public bool Contains(string name) => _families.ContainsKey(name);

    public IEnumerable<MetricFamily> Families => _families.Values.OrderBy(f => f.Name, StringComparer.Ordinal);

    private MetricFamily Add(string name, string help, MetricType type)
    {
        if (!_families.TryGetValue(name, out var family))
        {
            family = new MetricFamily(name, help, type);
            _families[name] = family;
        }

        return family;
    }
}
