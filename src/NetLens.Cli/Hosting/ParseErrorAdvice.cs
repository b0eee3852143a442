using System.CommandLine;
using System.CommandLine.Parsing;
using NetLens.Core;

namespace NetLens.Cli.Hosting;

/// <summary>
/// Turns System.CommandLine's first parse error into what the user needs: which word was not understood, the nearest
/// command or option it may have meant, and the help of the command it was typed under.
/// </summary>
public static class ParseErrorAdvice
{
    public static string Describe(ParseResult parse, string fallback)
    {
        var command = parse.CommandResult;
        var help = $"see '{Path(command)} --help'";
        foreach (var word in WordsNotUnderstood(parse))
        {
            if (word.StartsWith('-') && word.Length > 1)
            {
                var nearest = word.StartsWith("--", StringComparison.Ordinal) ? NearestWord.Find(word, OptionNames(command)) : null;
                return $"unknown option '{word}' for '{Path(command)}'{Suggestion(nearest)} ({help})";
            }

            if (command.Command.Subcommands.Count > 0)
            {
                var nearest = NearestWord.Find(word, command.Command.Subcommands.SelectMany(c => c.Aliases.Prepend(c.Name)));
                var needsOne = command.Command.Action is null;
                if (nearest is not null || needsOne)
                {
                    var known = nearest is null ? $"; commands: {string.Join(", ", command.Command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))}" : string.Empty;
                    return $"'{word}' is not a command of '{Path(command)}'{Suggestion(nearest)}{known} ({help})";
                }
            }
        }

        if (command.Command.Action is null && command.Command.Subcommands.Count > 0)
        {
            var commands = string.Join(", ", command.Command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name));
            return $"'{Path(command)}' needs a command: {commands} ({help})";
        }

        return $"{fallback} ({help})";
    }

    /// <summary>Words the parser did not place, in the order typed: arguments of the deepest command (a mistyped subcommand lands there) and the unmatched rest.</summary>
    private static IEnumerable<string> WordsNotUnderstood(ParseResult parse)
    {
        var placed = parse.CommandResult.Children.OfType<ArgumentResult>().SelectMany(a => a.Tokens).Select(t => t.Value);
        return placed.Concat(parse.UnmatchedTokens).Distinct();
    }

    /// <summary>The command's options and those its parents share with it (--json, --netns, …), long names only.</summary>
    private static IEnumerable<string> OptionNames(CommandResult command)
    {
        for (SymbolResult? result = command; result is not null; result = result.Parent)
        {
            if (result is not CommandResult { Command: var current })
            {
                continue;
            }

            foreach (var option in current.Options.Where(o => ReferenceEquals(current, command.Command) || o.Recursive))
            {
                foreach (var name in option.Aliases.Prepend(option.Name).Where(n => n.StartsWith("--", StringComparison.Ordinal)))
                {
                    yield return name;
                }
            }
        }
    }

    private static string Suggestion(string? nearest) => nearest is null ? string.Empty : $" (did you mean '{nearest}'?)";

    private static string Path(CommandResult command)
    {
        var names = new List<string>();
        for (SymbolResult? result = command; result is not null; result = result.Parent)
        {
            if (result is CommandResult { Command: var current })
            {
                names.Add(current is RootCommand ? "netlens" : current.Name);
            }
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}
