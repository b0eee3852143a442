namespace NetLens.Serve.Exposition;

/// <summary>
/// One histogram of a family: its label pairs, the buckets' upper bounds with their cumulative counts (same length,
/// ascending; +Inf may be left out, the writers add it with Count as Prometheus's Go client does), the sum and count.
/// </summary>
public sealed record HistogramSample(
    IReadOnlyList<KeyValuePair<string, string>> Labels,
    IReadOnlyList<double> UpperBounds,
    IReadOnlyList<ulong> CumulativeCounts,
    double Sum,
    ulong Count)
{
    /// <summary>The buckets to write: the given ones, then +Inf holding Count unless it is already there.</summary>
    public IEnumerable<(double UpperBound, ulong Count)> Buckets()
    {
        var infinite = false;
        for (var i = 0; i < UpperBounds.Count; i++)
        {
            infinite |= double.IsPositiveInfinity(UpperBounds[i]);
            yield return (UpperBounds[i], CumulativeCounts[i]);
        }

        if (!infinite)
        {
            yield return (double.PositiveInfinity, Count);
        }
    }

    /// <summary>Sort key of a sample's label values, the order the Go client writes a family's metrics in.</summary>
    internal static string SortKey(IReadOnlyList<KeyValuePair<string, string>> labels) => string.Join('\u0001', labels.Select(l => l.Value));
}
