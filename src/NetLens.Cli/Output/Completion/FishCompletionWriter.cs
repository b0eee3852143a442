using System.Text;

namespace NetLens.Cli.Output.Completion;

/// <summary>
/// The fish completion: one `complete` line per subcommand and option, each under a condition on the command path
/// typed so far; names this host has come from `netlens completion values`, inside the line's --netns.
/// </summary>
public static class FishCompletionWriter
{
    public static string Write(IReadOnlyList<CommandNode> tree, string version)
    {
        var script = new StringBuilder();
        script.Append($"""
            # fish completion for netlens {version}, written by `netlens completion fish`.
            # Use: netlens completion fish | source, or save it as ~/.config/fish/completions/netlens.fish


            """);
        var subcommands = tree.Where(n => n.Subcommands.Count > 0)
            .Select(n => ShellWords.Quote($"{n.Path}|{string.Join(' ', n.Subcommands)}"));
        var valued = tree.SelectMany(n => n.Options.Where(o => o.Value != CompletionValue.None)
            .SelectMany(o => o.Names.Select(name => ShellWords.Quote($"{n.Path}|{name}"))));
        script.Append($"set -g __netlens_tree {string.Join(' ', subcommands)}\n");
        script.Append($"set -g __netlens_valued {string.Join(' ', valued)}\n");
        script.Append(Functions);
        script.Append("complete -c netlens -f\n");
        foreach (var node in tree)
        {
            var at = $"-n {ShellWords.Quote($"__netlens_at {ShellWords.Quote(node.Path)}")}";
            foreach (var sub in node.Command.Subcommands.Where(c => !c.Hidden))
            {
                script.Append($"complete -c netlens {at} -a {ShellWords.Quote(sub.Name)} -d {ShellWords.Quote(CommandNode.OneLine(sub.Description))}\n");
            }

            if (node.Argument != CompletionValue.None)
            {
                script.Append($"complete -c netlens {at} -a {ShellWords.Quote(Names(node.Argument))}\n");
            }

            foreach (var option in node.Options)
            {
                script.Append($"complete -c netlens {at} {Flags(option)} -d {ShellWords.Quote(CommandNode.OneLine(option.Description))}{Value(option)}\n");
            }
        }

        return script.ToString();
    }

    // --long is -l, a one-letter -x is -s, and nmap's -sS, -oX, -Pn are fish's old-style -o
    private static string Flags(OptionNode option) => string.Join(' ', option.Names.Select(name => name switch
    {
        _ when name.StartsWith("--", StringComparison.Ordinal) => $"-l {ShellWords.Quote(name[2..])}",
        _ when name.Length == 2 => $"-s {ShellWords.Quote(name[1..])}",
        _ => $"-o {ShellWords.Quote(name[1..])}",
    }));

    private static string Value(OptionNode option) => option.Value switch
    {
        CompletionValue.None => string.Empty,
        CompletionValue.File => " -r -F",
        CompletionValue.Directory => " -x -a '(__fish_complete_directories)'",
        CompletionValue.Choice => $" -x -a {ShellWords.Quote(string.Join(' ', option.Choices))}",
        _ when ShellWords.IsListedByNetlens(option.Value) => $" -x -a {ShellWords.Quote(Names(option.Value))}",
        _ => " -x",
    };

    private static string Names(CompletionValue value) => $"(__netlens_names {ShellWords.Kind(value)})";

    // __netlens_path reads the words before the cursor: a subcommand of the path so far extends it, an option that takes
    // a value swallows the next word (and --netns remembers it, so names are listed in that namespace).
    private const string Functions = """
        function __netlens_path
            set -l words (commandline -opc)
            set -e words[1]
            set -l path ''
            set -g __netlens_netns ''
            set -l skip ''
            for word in $words
                if test -n "$skip"
                    test "$skip" = --netns; and set -g __netlens_netns $word
                    set skip ''
                    continue
                end
                if string match -q -- '-*' $word
                    contains -- "$path|$word" $__netlens_valued; and set skip $word
                    continue
                end
                for entry in $__netlens_tree
                    set -l parts (string split -m 1 '|' -- $entry)
                    if test "$parts[1]" = "$path"; and contains -- $word (string split ' ' -- $parts[2])
                        set path (string trim -- "$path $word")
                        break
                    end
                end
            end
            echo $path
        end

        function __netlens_at
            test "$(__netlens_path)" = "$argv[1]"
        end

        function __netlens_names
            __netlens_path >/dev/null
            set -l netlens (commandline -opc)[1]
            if test -n "$__netlens_netns"
                $netlens completion values $argv[1] --netns $__netlens_netns 2>/dev/null
            else
                $netlens completion values $argv[1] 2>/dev/null
            end
        end


        """;
}
