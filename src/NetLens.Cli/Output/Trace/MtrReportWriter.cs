using System.Globalization;
using System.Net;
using NetLens.Core.Trace;

namespace NetLens.Cli.Output.Trace;

/// <summary>
/// mtr's report layout (mtr -r) so its parsers keep working: a Start line, a HOST header, one row per hop;
/// the name column is cut at 33 characters as mtr's default (non-wide) report does, the columns those of mtr -o. Further addresses that answered at a
/// hop follow its row, indented by 8 (as mtr 0.95 prints them), and with <c>mpls</c> each host's labels (as mtr -e).
/// </summary>
public static class MtrReportWriter
{
    private const int NameColumn = 33;
    public const string Titles = " Loss%   Snt   Last   Avg  Best  Wrst StDev";
    private const string NoReply = "???";
    private const string HostIndent = "        ";
    private const string MplsIndent = "       ";

    /// <summary>
    /// The report; <paramref name="hostName"/> names the further hosts of a hop (addresses when null), <paramref name="fields"/>
    /// are the columns (mtr -o, mtr's default when null), and <paramref name="wide"/> keeps names whole (mtr -w): every name
    /// is padded to the longest one instead of cut, the HOST line padded the same, so its titles sit two columns left of the
    /// values, as mtr -w prints them.
    /// </summary>
    public static void Write(
        TextWriter output, string localHost, DateTimeOffset start, IReadOnlyList<HopReport> hops, Func<HopReport, string> name,
        Func<IPAddress, string>? hostName = null, bool mpls = false, MtrFields? fields = null, bool wide = false)
    {
        fields ??= MtrFields.Default;
        hostName ??= address => address.ToString();
        var names = hops.Select(hop => hop.Hosts.Count == 0 ? NoReply : name(hop) + Mark(hop)).ToList();
        var longest = wide ? names.Append(localHost).Max(n => n.Length) : 0;
        string Column(string prefix, string text) => wide ? prefix + text.PadRight(longest) : Fit(prefix + text);

        output.WriteLine($"Start: {StartStamp(start)}");
        output.WriteLine(Column("HOST: ", localHost) + fields.Titles());
        for (var h = 0; h < hops.Count; h++)
        {
            var hop = hops[h];
            output.WriteLine(Column(string.Create(CultureInfo.InvariantCulture, $" {hop.Ttl,2}.|-- "), names[h]) + fields.Numbers(hop));
            for (var i = 0; i < hop.Hosts.Count; i++)
            {
                if (i > 0)
                {
                    var further = hostName(hop.Hosts[i].Address);
                    output.WriteLine(HostIndent + (wide ? further : Fit(further)));
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

    /// <summary>The columns after the name in mtr's default order (43 characters, under <see cref="Titles"/>).</summary>
    public static string Numbers(HopReport hop) => MtrFields.Default.Numbers(hop);

    /// <summary>traceroute's mark of an unreachable answer after the host (" !H"); mtr prints none, and the columns stay where they are.</summary>
    public static string Mark(HopReport hop) => hop.Code?.Mark is { } mark ? " " + mark : string.Empty;

    private static string Fit(string text) => text.Length >= NameColumn ? text[..NameColumn] : text.PadRight(NameColumn);
}
