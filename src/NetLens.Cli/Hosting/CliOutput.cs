namespace NetLens.Cli.Hosting;

/// <summary>What a command is handed: where it writes (the answer to <see cref="Out"/>, diagnostics to <see cref="Error"/>) and the user's request to stop.</summary>
public sealed class CliOutput(TextWriter output, TextWriter error, bool outputRedirected, bool errorIsTerminal = false, Interruption? interruption = null)
{
    /// <summary>The user's Ctrl-C / SIGTERM for the whole command (never signalled when tests run a command in-process).</summary>
    public Interruption Interruption { get; } = interruption ?? Interruption.None();

    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>True when stdout is a file or pipe: no colour, no terminal width.</summary>
    public bool OutputRedirected { get; } = outputRedirected;

    /// <summary>True when stderr is a terminal: long work may draw progress there (never into a file or pipe).</summary>
    public bool ErrorIsTerminal { get; } = errorIsTerminal;

    /// <summary>Colour only on a terminal and only when NO_COLOR is unset (https://no-color.org).</summary>
    public bool UseColor =>
        !OutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
}
