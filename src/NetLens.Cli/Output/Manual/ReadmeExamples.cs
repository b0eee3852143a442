using NetLens.Cli.Output.Completion;
using NetLens.Cli.Parsing;

namespace NetLens.Cli.Output.Manual;

/// <summary>One example of the README: the command line as typed (after "$ "), the output it printed, and which fenced block (0, 1, …) holds it.</summary>
public sealed record ManExample(string CommandLine, IReadOnlyList<string> Output, int Block = 0);

/// <summary>
/// The README's examples, each filed under the command it runs: every "$ netlens …" line of a fenced block and the lines
/// under it up to the next "$ " or the fence. The command is read from the words as netlens reads them (ip's spelling
/// too, global options skipped), so an example lands on its command's page wherever the README shows it.
/// </summary>
public static class ReadmeExamples
{
    private const string Prompt = "$ ";

    public static IReadOnlyDictionary<string, IReadOnlyList<ManExample>> ByCommand(IEnumerable<string> readme, IReadOnlyList<CommandNode> tree)
    {
        var byPath = new Dictionary<string, List<ManExample>>(StringComparer.Ordinal);
        foreach (var example in Examples(readme))
        {
            var path = CommandOf(example.CommandLine, tree);
            if (path is null)
            {
                continue;
            }

            if (!byPath.TryGetValue(path, out var list))
            {
                byPath[path] = list = [];
            }

            list.Add(example);
        }

        return byPath.ToDictionary(p => p.Key, p => (IReadOnlyList<ManExample>)p.Value, StringComparer.Ordinal);
    }

    /// <summary>Every "$ " line of every fenced block in the README's order, netlens or not (the lab runs them all).</summary>
    public static IEnumerable<ManExample> Examples(IEnumerable<string> readme)
    {
        var inBlock = false;
        var block = -1;
        string? command = null;
        var output = new List<string>();
        foreach (var line in readme)
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                if (command is not null)
                {
                    yield return new ManExample(command, [.. TrimEnd(output)], block);
                }

                command = null;
                output.Clear();
                inBlock = !inBlock;
                block += inBlock ? 1 : 0;
                continue;
            }

            if (!inBlock)
            {
                continue;
            }

            if (line.StartsWith(Prompt, StringComparison.Ordinal))
            {
                if (command is not null)
                {
                    yield return new ManExample(command, [.. TrimEnd(output)], block);
                }

                output.Clear();
                command = line[Prompt.Length..].Trim();
            }
            else if (command is not null)
            {
                output.Add(line);
            }
        }
    }

    private static IEnumerable<string> TrimEnd(List<string> lines)
    {
        var end = lines.Count;
        while (end > 0 && string.IsNullOrWhiteSpace(lines[end - 1]))
        {
            end--;
        }

        return lines.Take(end);
    }

    /// <summary>The command path a line runs ("route get"), or null when it is not netlens or names no command.</summary>
    public static string? CommandOf(string commandLine, IReadOnlyList<CommandNode> tree)
    {
        var words = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        // `sudo netlens …`, `./netlens …`: the program is the first word that is netlens
        var start = words.FindIndex(w => w == "netlens" || w.EndsWith("/netlens", StringComparison.Ordinal));
        if (start < 0)
        {
            return null;
        }

        var nodes = tree.ToDictionary(n => n.Path, StringComparer.Ordinal);
        var args = IpSpelling.Rewrite([.. words.Skip(start + 1).TakeWhile(w => w is not ("|" or ">" or ";" or "&&"))]);
        var path = string.Empty;
        for (var i = 0; i < args.Length; i++)
        {
            var node = nodes[path];
            if (args[i].StartsWith('-'))
            {
                // an option that takes a value swallows the next word (--netns nldemo)
                if (node.Options.FirstOrDefault(o => o.Names.Contains(args[i])) is { Value: not CompletionValue.None })
                {
                    i++;
                }

                continue;
            }

            if (!node.Subcommands.Contains(args[i]))
            {
                break;
            }

            path = path.Length == 0 ? args[i] : $"{path} {args[i]}";
        }

        return path.Length == 0 ? null : path;
    }
}
