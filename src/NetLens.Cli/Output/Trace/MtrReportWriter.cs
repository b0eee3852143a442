using System.Globalization;
using System.Text;
using NetLens.Core.Trace;

namespace NetLens.Cli.Output.Trace;

/// <summary>
/// mtr's report layout (mtr -r) so its parsers keep working: a Start line, a HOST header, one row per hop;
/// the name column is cut at 33 characters as mtr's default (non-wide) report does.
/// </summary>
public static class MtrReportWriter
{
    private const int NameColumn = 33;
    private const int LossColumn = 6;
    private const string Titles = " Loss%   Snt   Last   Avg  Best  Wrst StDev";
    private const string NoReply = "???";

    public static void Write(TextWriter output, string localHost, DateTimeOffset start, IReadOnlyList<HopReport> hops, Func<HopReport, string> name)
    {
        output.WriteLine($"Start: {StartStamp(start)}");
        output.WriteLine(Fit("HOST: " + localHost) + Titles);
        foreach (var hop in hops)
        {
            output.WriteLine(Row(hop, hop.Hosts.Count == 0 ? NoReply : name(hop)));
        }
    }

    /// <summary>ISO 8601 local time with a colon-less offset, as strftime's %Y-%m-%dT%H:%M:%S%z writes it.</summary>
    public static string StartStamp(DateTimeOffset start)
    {
        var offset = start.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        offset = offset.Duration();
        return start.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + $"{sign}{offset.Hours:00}{offset.Minutes:00}";
    }

    public static string Row(HopReport hop, string name)
    {
        var row = new StringBuilder(Fit(string.Create(CultureInfo.InvariantCulture, $" {hop.Ttl,2}.|-- {name}")));
        // mtr prints each field into its column width, so 100% loss loses its percent sign: " 100.0".
        row.Append(string.Create(CultureInfo.InvariantCulture, $" {hop.LossPercent,4:F1}%")[..LossColumn]);
        row.Append(CultureInfo.InvariantCulture, $" {hop.Sent,5}");

        // mtr's default field list has a one-space separator between Snt and Last.
        row.Append(' ');
        foreach (var ms in new[] { hop.LastMs, hop.AvgMs, hop.BestMs, hop.WorstMs, hop.StDevMs })
        {
            row.Append(CultureInfo.InvariantCulture, $" {ms,5:F1}");
        }

        return row.ToString();
    }

    private static string Fit(string text) => text.Length >= NameColumn ? text[..NameColumn] : text.PadRight(NameColumn);
}
