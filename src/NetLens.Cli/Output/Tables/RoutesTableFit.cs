using NetLens.Cli.Output.Routing;

namespace NetLens.Cli.Output.Tables;

/// <summary>Which columns of the routes table a terminal shows, and whether values are shortened to get there.</summary>
/// <param name="Columns">Indexes into <see cref="RoutesTableFit.Headers"/>, in order.</param>
/// <param name="Abbreviated">True when multipath gateways, device lists and origin details are shortened.</param>
public sealed record RoutesTableLayout(IReadOnlyList<int> Columns, bool Abbreviated)
{
    /// <summary>The footer that says what the terminal does not show; null when nothing is left out.</summary>
    public string? Footer(int width)
    {
        var dropped = Enumerable.Range(0, RoutesTableFit.Headers.Length).Where(c => !Columns.Contains(c)).Select(c => RoutesTableFit.Headers[c]).ToList();
        if (dropped.Count == 0 && !Abbreviated)
        {
            return null;
        }

        var parts = new List<string>();
        if (dropped.Count > 0)
        {
            parts.Add($"not shown: {string.Join(", ", dropped)}");
        }

        if (Abbreviated)
        {
            parts.Add("values shortened");
        }

        return $"({width} columns: {string.Join("; ", parts)}; -w or a pipe shows all)";
    }
}

/// <summary>
/// Fits the routes table to a terminal without wrapping a value: the least useful columns go first (Src, Scope,
/// Proto), then long values are shortened, then Metric and Origin go. Table, Device and Gateway stay, so routes that
/// differ only there never look alike.
/// </summary>
public static class RoutesTableFit
{
    public static readonly string[] Headers = ["Destination", "Gateway", "Device", "Table", "Proto", "Metric", "Scope", "Src", "Origin"];

    private const int Src = 7;
    private const int Scope = 6;
    private const int Proto = 4;
    private const int Metric = 5;
    private const int Origin = 8;

    public static RoutesTableLayout All { get; } = new([.. Enumerable.Range(0, Headers.Length)], false);

    /// <summary>The widest layout whose table is at most <paramref name="width"/> wide by <paramref name="tableWidth"/>'s measure; the narrowest when none fits.</summary>
    public static RoutesTableLayout Choose(Func<RoutesTableLayout, int> tableWidth, int width)
    {
        RoutesTableLayout? last = null;
        foreach (var layout in Candidates())
        {
            last = layout;
            if (tableWidth(layout) <= width)
            {
                return layout;
            }
        }

        return last!;
    }

    /// <summary>The cells of a row as the layout shows them.</summary>
    public static string[] Cells(RouteRow row, RoutesTableLayout layout)
    {
        string[] all = [row.Destination, row.Gateway, row.Device, row.Table, row.Protocol, row.Metric, row.Scope, row.Source, row.Origin];
        if (layout.Abbreviated)
        {
            all[1] = FirstAndCount(row.Gateway);
            all[2] = FirstAndCount(row.Device);
            all[Origin] = WithoutDetail(row.Origin);
        }

        return [.. layout.Columns.Select(c => all[c])];
    }

    private static IEnumerable<RoutesTableLayout> Candidates()
    {
        var columns = Enumerable.Range(0, Headers.Length).ToList();
        yield return All;
        foreach (var drop in new[] { Src, Scope, Proto })
        {
            columns.Remove(drop);
            yield return new([.. columns], false);
        }

        yield return new([.. columns], true);
        foreach (var drop in new[] { Metric, Origin })
        {
            columns.Remove(drop);
            yield return new([.. columns], true);
        }
    }

    /// <summary>"198.18.0.253×1, 198.18.1.253×3" becomes "198.18.0.253 +1": the first of a list and how many more.</summary>
    private static string FirstAndCount(string list)
    {
        var items = list.Split(", ");
        return items.Length == 1 ? list : $"{items[0].Split('×')[0]} +{items.Length - 1}";
    }

    /// <summary>"vpn (wireguard)" becomes "vpn".</summary>
    private static string WithoutDetail(string origin)
    {
        var open = origin.IndexOf(" (", StringComparison.Ordinal);
        return open < 0 ? origin : origin[..open];
    }
}
