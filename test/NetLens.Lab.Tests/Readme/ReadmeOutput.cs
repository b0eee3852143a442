using System.Text.RegularExpressions;

namespace NetLens.Lab.Tests.Readme;

/// <summary>
/// What of an example's output is substance: every row and word, with what changes from run to run masked (times,
/// timestamps, RTTs and rates, host names, ports the kernel picked) and runs of blanks read as one column gap.
/// </summary>
public static partial class ReadmeOutput
{
    /// <summary>The README's way of leaving lines out: a line of "..." or "…" stands for any number of lines.</summary>
    public static bool IsElision(string line) => line.Trim() is "..." or "…";

    public static List<string> Normalize(IEnumerable<string> lines)
    {
        var result = new List<string>();
        foreach (var raw in lines)
        {
            if (IsElision(raw))
            {
                result.Add("…");
                continue;
            }

            var line = IsoTime().Replace(raw, "<time>");
            line = LongTime().Replace(line, "<time>");
            line = ClockTime().Replace(line, "<time>");
            line = Epoch().Replace(line, ",<epoch>,");
            line = HostName().Replace(line, "${1}<host>");
            line = KernelPort().Replace(line, "${1}<port>");
            line = ServicesLine().Replace(line, "(line <n>)");
            // sockets -s's Total is every socket of the namespace at that instant, the tools' own netlink sockets too
            line = SocketTotal().Replace(line, "Total: <n>");

            // discovery sends several probes at once; under the demo host's injected loss any of them may answer first
            line = HostUpReason().Replace(line, "Host is up, received <discovery reply>");
            line = Decimal().Replace(line, "<n>");
            line = Blanks().Replace(line, " ").Trim();
            result.Add(line);
        }

        return FoldHopHosts(result);
    }

    /// <summary>
    /// A trace hop answered by several routers lists them on the lines after the hop, in the order of their shares, which
    /// is chance: the hop keeps its routers as a set.
    /// </summary>
    private static List<string> FoldHopHosts(List<string> lines)
    {
        var folded = new List<string>();
        for (var i = 0; i < lines.Count; i++)
        {
            var hop = HopLine().Match(lines[i]);
            if (!hop.Success)
            {
                folded.Add(lines[i]);
                continue;
            }

            var hosts = new List<string> { hop.Groups[2].Value };
            while (i + 1 < lines.Count && AddressOnly().IsMatch(lines[i + 1]))
            {
                hosts.Add(lines[++i]);
            }

            hosts.Sort(StringComparer.Ordinal);
            folded.Add($"{hop.Groups[1].Value}{{{string.Join(',', hosts)}}}{hop.Groups[3].Value}");
        }

        return folded;
    }

    /// <summary>Whether <paramref name="actual"/> is <paramref name="expected"/>, an elision matching any run of lines.</summary>
    public static bool Matches(IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        // glob over lines: can[i, j] = expected[i..] matches actual[j..]
        var can = new bool[expected.Count + 1, actual.Count + 1];
        can[expected.Count, actual.Count] = true;
        for (var i = expected.Count - 1; i >= 0; i--)
        {
            for (var j = actual.Count; j >= 0; j--)
            {
                can[i, j] = expected[i] == "…"
                    ? can[i + 1, j] || (j < actual.Count && can[i, j + 1])
                    : j < actual.Count && expected[i] == actual[j] && can[i + 1, j + 1];
            }
        }

        return can[0, 0];
    }

    [GeneratedRegex(@"Host is up, received (echo-reply|reset|syn-ack|timestamp-reply)")]
    private static partial Regex HostUpReason();

    [GeneratedRegex(@"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}")]
    private static partial Regex IsoTime();

    [GeneratedRegex(@"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d\d:\d\d")]
    private static partial Regex LongTime();

    [GeneratedRegex(@"\b\d\d:\d\d:\d\d\.\d{3}\b")]
    private static partial Regex ClockTime();

    [GeneratedRegex(@",\d{9,11},")]
    private static partial Regex Epoch();

    [GeneratedRegex(@"(HOST: |taken <time> on )\S+?(?=\)|\s|$)")]
    private static partial Regex HostName();

    [GeneratedRegex(@"(from port |from [0-9.]+:|from \[[0-9a-f:]+\]:)\d+")]
    private static partial Regex KernelPort();

    [GeneratedRegex(@"^Total: \d+$")]
    private static partial Regex SocketTotal();

    [GeneratedRegex(@"\(line \d+\)")]
    private static partial Regex ServicesLine();

    // RTTs, losses, latencies and durations; an address's dotted quads are left alone
    [GeneratedRegex(@"(?<![\d.])\d+\.\d+(?![\d.])")]
    private static partial Regex Decimal();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Blanks();

    [GeneratedRegex(@"^(\d+\.\|-- )(\S+)(.*)$")]
    private static partial Regex HopLine();

    [GeneratedRegex(@"^[0-9a-f.:]+$")]
    private static partial Regex AddressOnly();
}
