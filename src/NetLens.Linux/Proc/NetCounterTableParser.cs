using System.Globalization;

namespace NetLens.Linux.Proc;

/// <summary>
/// Parses /proc/net/snmp and /proc/net/netstat: pairs of lines, "Tcp: Name Name…" then "Tcp: 1 2…",
/// into "Tcp.CurrEstab" → value. Lines without a matching partner are skipped.
/// </summary>
public static class NetCounterTableParser
{
    public static IReadOnlyDictionary<string, long> Parse(string text)
    {
        var counters = new Dictionary<string, long>(StringComparer.Ordinal);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i + 1 < lines.Length; i += 2)
        {
            var names = lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var values = lines[i + 1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (names.Length == 0 || values.Length == 0 || names[0] != values[0] || !names[0].EndsWith(':'))
            {
                // out of step: resynchronise on the next line
                i--;
                continue;
            }

            var group = names[0][..^1];
            for (var k = 1; k < Math.Min(names.Length, values.Length); k++)
            {
                if (long.TryParse(values[k], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
                {
                    counters[group + "." + names[k]] = value;
                }
            }
        }

        return counters;
    }
}
