using System.Text;

namespace NetLens.Cli.Output.Manual;

/// <summary>Text made safe for roff (man(7)): backslashes and dashes escaped, no line taken for a request.</summary>
public static class Roff
{
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            _ = c switch
            {
                '\\' => escaped.Append("\\e"),
                // a plain '-' may become a hyphen; options must stay minus signs to be copied from the page
                '-' => escaped.Append("\\-"),
                _ => escaped.Append(c),
            };
        }

        return escaped.ToString();
    }

    /// <summary>A README paragraph: `code` in bold, the rest as text.</summary>
    public static string Prose(string markdown)
    {
        var parts = markdown.Split('`');
        var text = string.Concat(parts.Select((part, i) => i % 2 == 1 ? $"\\fB{Escape(part)}\\fR" : Escape(part.Replace("**", string.Empty, StringComparison.Ordinal))));
        return text.StartsWith('.') || text.StartsWith('\'') ? $"\\&{text}" : text;
    }

    /// <summary>A text line: one starting with '.' or '\'' would be a request, \&amp; keeps it text.</summary>
    public static string Line(string text)
    {
        var escaped = Escape(text);
        return escaped.StartsWith('.') || escaped.StartsWith('\'') ? $"\\&{escaped}" : escaped;
    }
}
