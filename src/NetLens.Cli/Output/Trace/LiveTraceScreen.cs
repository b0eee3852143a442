using System.Globalization;
using System.Net;
using NetLens.Core.Trace;

namespace NetLens.Cli.Output.Trace;

/// <summary>What the live view shows at one moment: the statistics so far and how they were gathered.</summary>
public sealed record LiveTraceFrame(
    string Target,
    IPAddress Address,
    string Mechanism,
    DateTimeOffset Now,
    int Rounds,
    bool Paused,
    IReadOnlyList<HopReport> Hops,
    Func<IPAddress, string> Name)
{
    /// <summary>The columns after the name (mtr -o).</summary>
    public MtrFields Fields { get; init; } = MtrFields.Default;
}

/// <summary>
/// The live view as lines of text for a terminal of a given size, like mtr's display: a header, then one row per hop with
/// mtr's columns and the loss reading in words, each further address of a hop (with its share of replies) and the MPLS
/// labels under it. Pure, so it is tested without a terminal.
/// </summary>
public static class LiveTraceScreen
{
    public const string Keys = "Keys: q quit  p pause/resume  r reset counters";
    private const int ReadingColumn = 12;
    private const int MinimumName = 16;
    private const string NoReply = "???";

    public static IReadOnlyList<string> Render(LiveTraceFrame frame, int width, int height)
    {
        var titles = frame.Fields.Titles();
        var withReading = width >= MinimumName + titles.Length + ReadingColumn;
        var nameWidth = Math.Max(MinimumName, width - titles.Length - (withReading ? ReadingColumn : 0));
        var lines = new List<string>
        {
            Spread(Title(frame), frame.Now.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), width),
            Spread(Keys, frame.Paused ? $"paused after {Rounds(frame.Rounds)}" : Rounds(frame.Rounds), width),
            string.Empty,
            " Host".PadRight(nameWidth) + titles + (withReading ? "  Reading" : string.Empty),
        };

        foreach (var hop in frame.Hops)
        {
            var numbered = string.Create(CultureInfo.InvariantCulture, $"{hop.Ttl,3}. ");
            var indent = new string(' ', numbered.Length);
            var hosts = hop.Hosts;
            lines.Add(HostColumn(numbered, hosts.Count == 0 ? NoReply : frame.Name(hosts[0].Address), Share(hosts, 0), nameWidth)
                + frame.Fields.Numbers(hop)
                + (withReading ? "  " + Reading(hop.LossKind) : string.Empty));
            for (var i = 0; i < hosts.Count; i++)
            {
                if (i > 0)
                {
                    lines.Add(HostColumn(indent, frame.Name(hosts[i].Address), Share(hosts, i), nameWidth).TrimEnd());
                }

                lines.AddRange(hosts[i].Mpls.Select(label => indent + "  " + label));
            }
        }

        if (frame.Hops.Count == 0)
        {
            lines.Add(frame.Rounds == 0 ? "    waiting for the first round…" : "    no hop has answered yet");
        }

        // Wider lines would wrap and push the header off the top; rows past the bottom are left out for the same reason.
        return [.. lines.Take(Math.Max(1, height)).Select(line => line.Length > width ? line[..Math.Max(0, width)] : line.TrimEnd())];
    }

    /// <summary>The reading column: what the loss of a hop means, in two words.</summary>
    public static string Reading(LossKind kind) => kind switch
    {
        LossKind.RateLimited => "rate limit",
        LossKind.Real => "real loss",
        _ => string.Empty,
    };

    private static string Title(LiveTraceFrame frame)
    {
        var address = frame.Address.ToString();
        var target = frame.Target == address ? address : $"{frame.Target} ({address})";
        return $"netlens trace {target} with {frame.Mechanism}";
    }

    private static string Rounds(int rounds) => rounds == 1 ? "1 round" : $"{rounds} rounds";

    /// <summary>A hop's share of replies, shown only where more than one address answered.</summary>
    private static string Share(IReadOnlyList<HopHost> hosts, int i) =>
        hosts.Count < 2 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" ({hosts[i].SharePercent:F0}%)");

    /// <summary>Prefix, name and share in <paramref name="width"/> columns, the name cut first so the share stays readable.</summary>
    private static string HostColumn(string prefix, string name, string share, int width)
    {
        var room = width - prefix.Length - share.Length - 1;
        if (name.Length > room)
        {
            name = name[..Math.Max(0, room)];
        }

        return (prefix + name + share).PadRight(width);
    }

    /// <summary><paramref name="left"/> and <paramref name="right"/> at the two ends of a line, or one after the other when it is too narrow.</summary>
    private static string Spread(string left, string right, int width)
    {
        var gap = width - left.Length - right.Length;
        return gap >= 2 ? left + new string(' ', gap) + right : left + "  " + right;
    }
}
