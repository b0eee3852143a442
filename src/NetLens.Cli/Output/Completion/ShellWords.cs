namespace NetLens.Cli.Output.Completion;

/// <summary>How the completion scripts spell a value kind, and quoting for the shells' single-quoted strings.</summary>
public static class ShellWords
{
    /// <summary>The kind as `netlens completion values KIND` takes it, or as the scripts branch on it.</summary>
    public static string Kind(CompletionValue value) => value switch
    {
        CompletionValue.None => "none",
        CompletionValue.Word => "word",
        CompletionValue.Choice => "choice",
        CompletionValue.File => "file",
        CompletionValue.Directory => "dir",
        CompletionValue.Namespace => "namespaces",
        CompletionValue.Interface => "interfaces",
        CompletionValue.LocalAddress => "addresses",
        CompletionValue.Service => "services",
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    /// <summary>The kinds whose words netlens itself lists (the names this host has).</summary>
    public static bool IsListedByNetlens(CompletionValue value) =>
        value is CompletionValue.Namespace or CompletionValue.Interface or CompletionValue.LocalAddress or CompletionValue.Service;

    /// <summary>'text' for sh, bash, zsh and fish alike: a single quote inside is closed, escaped and reopened.</summary>
    public static string Quote(string text) => $"'{text.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
