using System.Globalization;
using System.Text.RegularExpressions;

namespace NetLens.Core.KernelDrops;

/// <summary>
/// The skb:kfree_skb tracepoint's drop reasons as this kernel numbers them, read from the "print fmt" line of its
/// format file (`__print_symbolic(REC->reason, { 2, "NOT_SPECIFIED" }, …)`): the numbers change between kernels.
/// </summary>
public static partial class DropReasonFormat
{
    public static IReadOnlyDictionary<string, int> Parse(string formatFile)
    {
        var start = formatFile.IndexOf("__print_symbolic(REC->reason", StringComparison.Ordinal);
        var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
        if (start < 0)
        {
            return reasons;
        }

        foreach (Match match in Symbol().Matches(formatFile, start))
        {
            var value = int.Parse(match.Groups[1].ValueSpan, NumberStyles.Integer, CultureInfo.InvariantCulture);
            reasons.TryAdd(match.Groups[2].Value, value);
        }

        return reasons;
    }

    [GeneratedRegex("""\{\s*(\d+)\s*,\s*"([A-Z0-9_]+)"\s*\}""")]
    private static partial Regex Symbol();
}
