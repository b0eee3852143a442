using System.Text;

namespace NetLens.Core;

/// <summary>
/// What the user typed, fit to be echoed in an error line: in quotes, control characters escaped (an ESC or BEL from a
/// file must not reach the terminal), and cut to <see cref="MaxShown"/> characters (a 1 MB batch line is not echoed whole).
/// </summary>
public static class InputText
{
    public const int MaxShown = 80;

    /// <summary>"198.18.0.300", "\x1b[31m…" — quoted, escaped, cut with an ellipsis.</summary>
    public static string Quote(ReadOnlySpan<char> text) => $"\"{Escape(text)}\"";

    /// <summary>As <see cref="Quote"/>, without the quotes: for a whole message that may carry the user's words.</summary>
    public static string Escape(ReadOnlySpan<char> text, int maxShown = MaxShown)
    {
        var builder = new StringBuilder(Math.Min(text.Length, maxShown) + 8);
        var shown = 0;
        foreach (var c in text)
        {
            if (shown == maxShown)
            {
                return builder.Append('…').ToString();
            }

            if (char.IsControl(c))
            {
                builder.Append(c switch
                {
                    '\t' => "\\t",
                    '\n' => "\\n",
                    '\r' => "\\r",
                    _ => $"\\x{(int)c:x2}",
                });
            }
            else
            {
                builder.Append(c);
            }

            shown++;
        }

        return builder.ToString();
    }
}
