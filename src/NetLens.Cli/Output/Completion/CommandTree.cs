using System.CommandLine;
using System.CommandLine.Completions;
using System.CommandLine.Help;

namespace NetLens.Cli.Output.Completion;

/// <summary>What a shell offers for a word: nothing (a flag), free text, one of fixed choices, a path, or names this host knows.</summary>
public enum CompletionValue
{
    None,
    Word,
    Choice,
    File,
    Directory,
    Namespace,
    Interface,
    LocalAddress,
    Service,
}

/// <summary>One option as the shells see it: every name it answers to, what its value is, and its help line.</summary>
public sealed record OptionNode(IReadOnlyList<string> Names, CompletionValue Value, IReadOnlyList<string> Choices, string Description, Option Option);

/// <summary>One command of the tree as the completion and man page writers see it: its path, words, options and argument.</summary>
public sealed record CommandNode(string Path, Command Command, IReadOnlyList<string> Subcommands, IReadOnlyList<OptionNode> Options, CompletionValue Argument)
{
    /// <summary>The tree, root first, each command after its parent; hidden commands and options left out.</summary>
    public static IReadOnlyList<CommandNode> Walk(Command root)
    {
        var nodes = new List<CommandNode>();
        Visit(root, string.Empty, [], nodes);
        return nodes;
    }

    /// <summary>The words of a path, as typed after `netlens` ("port open" → port, open); the root has none.</summary>
    public IReadOnlyList<string> Words => Path.Length == 0 ? [] : Path.Split(' ');

    /// <summary>A help text on one line, for a shell's description column or a man page's paragraph.</summary>
    public static string OneLine(string? text) =>
        string.Join(' ', (text ?? string.Empty).Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static void Visit(Command command, string path, IReadOnlyList<Option> inherited, List<CommandNode> nodes)
    {
        var own = command.Options.Where(IsShown);
        // the command's own options first, then the ones every command takes
        var options = own.Concat(inherited).Select(o => Describe(path, o)).ToList();
        var subcommands = command.Subcommands.Where(c => !c.Hidden).ToList();
        nodes.Add(new CommandNode(path, command, [.. subcommands.Select(c => c.Name)], options, ArgumentOf(path)));
        var recursive = inherited.Concat(command.Options.Where(o => o.Recursive && IsShown(o))).ToList();
        foreach (var sub in subcommands)
        {
            Visit(sub, path.Length == 0 ? sub.Name : $"{path} {sub.Name}", recursive, nodes);
        }
    }

    // --help and --version are System.CommandLine's, on every command; completions and pages leave them out
    private static bool IsShown(Option option) => !option.Hidden && option is not (HelpOption or VersionOption);

    private static OptionNode Describe(string path, Option option)
    {
        // fixed choices (AcceptOnlyFromAmong, enums) are the option's own completions
        var choices = option.ValueType == typeof(bool)
            ? []
            : option.GetCompletions(CompletionContext.Empty).Select(c => c.Label).ToList();
        var value = ValueOf(path, option, choices.Count > 0);
        return new OptionNode([option.Name, .. option.Aliases.Order(StringComparer.Ordinal)], value, choices, option.Description ?? string.Empty, option);
    }

    // The value an option takes, by its name: a name means the same in every command, except the two addresses that
    // must be this host's own (the source of a route question, the local end of a port check).
    private static CompletionValue ValueOf(string path, Option option, bool hasChoices) => option.Name switch
    {
        _ when option.ValueType == typeof(bool) => CompletionValue.None,
        _ when hasChoices => CompletionValue.Choice,
        "--netns" or "--peer-netns" => CompletionValue.Namespace,
        "--iif" or "--oif" or "--dev" => CompletionValue.Interface,
        "--from" when path is "route" or "route get" => CompletionValue.LocalAddress,
        "--to" when path == "port check" => CompletionValue.LocalAddress,
        "--persist-root" => CompletionValue.Directory,
        "--batch" or "--snapshot" or "--save" or "--diff" or "--ruleset" or "--services-file" or "--config"
            or "-oX" or "-oN" or "-oG" or "-oA" or "-iL" or "--excludefile" => CompletionValue.File,
        _ => CompletionValue.Word,
    };

    // Where a command's argument is a port, a service name fits it (ssh, otv/udp).
    private static CompletionValue ArgumentOf(string path) => path switch
    {
        "port open" or "port close" or "port check" or "port listen" => CompletionValue.Service,
        _ => CompletionValue.None,
    };
}
