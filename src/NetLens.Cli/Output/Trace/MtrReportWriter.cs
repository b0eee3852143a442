using System.Globalization;
using System.Net;
using System.Text;
using NetLens.Core.Trace;

namespace NetLens.Cli.Output.Trace;

/// <summary>
/// mtr's report layout (mtr -r) so its parsers keep working: a Start line, a HOST header, one row per hop;
/// the name column is cut at 33 characters as mtr's default (non-wide) report does. Further addresses that answered at a
/// hop follow its row, indented by 8 (as mtr 0.95 prints them), and with <c>mpls</c> each host's labels (as mtr -e).
/// </summary>
public static class MtrReportWriter
{
    private const int NameColumn = 33;
    private const int LossColumn = 6;
    public const string Titles = " Loss%   Snt   Last   Avg  Best  Wrst StDev";
    private const string NoReply = "???";
    private const string HostIndent = "        ";
    private const string MplsIndent = "       ";

    /// <summary>The report; <paramref name="hostName"/> names the further hosts of a hop (addresses when null).</summary>
    public static void Write(
        TextWriter output, string localHost, DateTimeOffset start, IReadOnlyList<HopReport> hops, Func<HopReport, string> name,
        Func<IPAddress, string>? hostName = null, bool mpls = false)
    {
        output.WriteLine($"Start: {StartStamp(start)}");
        output.WriteLine(Fit("HOST: " + localHost) + Titles);
        foreach (var hop in hops)
        {
            output.WriteLine(Row(hop, hop.Hosts.Count == 0 ? NoReply : name(hop)));
            for (var i = 0; i < hop.Hosts.Count; i++)
            {
                if (i > 0)
                {
                    output.WriteLine(HostIndent + Fit(hostName?.Invoke(hop.Hosts[i].Address) ?? hop.Hosts[i].Address.ToString()));
                }

                foreach (var label in mpls ? hop.Hosts[i].Mpls : [])
                {
                    output.WriteLine(MplsIndent + label);
                }
            }
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

    public static string Row(HopReport hop, string name) =>
        Fit(string.Create(CultureInfo.InvariantCulture, $" {hop.Ttl,2}.|-- {name}")) + Numbers(hop);

    /// <summary>The columns after the name, as mtr prints them (43 characters, under <see cref="Titles"/>).</summary>
    public static string Numbers(HopReport hop)
    {
        var row = new StringBuilder();
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
