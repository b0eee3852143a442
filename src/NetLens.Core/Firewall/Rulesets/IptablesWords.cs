using System.Text;

namespace NetLens.Core.Firewall.Rulesets;

/// <summary>Splits an iptables-save line into words the way iptables-restore does: double quotes group, backslash escapes.</summary>
public static class IptablesWords
{
    public static IReadOnlyList<string> Split(string line) => Split(line, out _);

    /// <summary><paramref name="openQuote"/>: the line ended inside double quotes (iptables-restore refuses such a line).</summary>
    public static IReadOnlyList<string> Split(string line, out bool openQuote)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var quoted = false;
        var any = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\\' && i + 1 < line.Length)
            {
                word.Append(line[++i]);
                any = true;
            }
            else if (c == '"')
            {
                quoted = !quoted;
                any = true;
            }
            else if (c == ' ' && !quoted)
            {
                if (any)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    any = false;
                }
            }
            else
            {
                word.Append(c);
                any = true;
            }
        }

        if (any)
        {
            words.Add(word.ToString());
        }

        openQuote = quoted;
        return words;
    }

    /// <summary>A comment as iptables-restore reads it back: in double quotes, with quotes and backslashes escaped.</summary>
    public static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
