using System.Text.RegularExpressions;
using NetLens.Cli.Output.Completion;

namespace NetLens.Cli.Output.Manual;

/// <summary>
/// The README's prose about a command, for its page's DESCRIPTION: the paragraphs of every "## `netlens …`" section
/// (code blocks left out, as the examples have a section of their own), filed under each command its heading names.
/// </summary>
public static partial class ReadmeProse
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ByCommand(IEnumerable<string> readme, IReadOnlyList<CommandNode> tree)
    {
        var byPath = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        List<List<string>> targets = [];
        var paragraph = new List<string>();
        var inBlock = false;

        void EndParagraph()
        {
            if (paragraph.Count > 0)
            {
                var text = string.Join(' ', paragraph);
                targets.ForEach(t => t.Add(text));
                paragraph.Clear();
            }
        }

        foreach (var line in readme)
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                EndParagraph();
                inBlock = !inBlock;
                continue;
            }

            if (inBlock)
            {
                continue;
            }

            if (line.StartsWith("## ", StringComparison.Ordinal) || line.StartsWith("### ", StringComparison.Ordinal))
            {
                EndParagraph();
                if (line.StartsWith("## ", StringComparison.Ordinal))
                {
                    targets = [.. CommandsOf(line, tree).Select(path => byPath.TryGetValue(path, out var list) ? list : byPath[path] = [])];
                }

                continue;
            }

            if (string.IsNullOrWhiteSpace(line) || line.StartsWith("- ", StringComparison.Ordinal) || line.StartsWith('|'))
            {
                // a list item or a table row starts a paragraph of its own
                EndParagraph();
            }

            if (!string.IsNullOrWhiteSpace(line))
            {
                paragraph.Add(line.Trim());
            }
        }

        EndParagraph();
        return byPath.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal);
    }

    private static IEnumerable<string> CommandsOf(string heading, IReadOnlyList<CommandNode> tree) =>
        Code().Matches(heading)
            .Select(m => ReadmeExamples.CommandOf(m.Groups[1].Value, tree))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal);

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Code();
}
