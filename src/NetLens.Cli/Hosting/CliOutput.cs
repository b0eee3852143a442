namespace NetLens.Cli.Hosting;

/// <summary>Where a command writes: the answer to <see cref="Out"/>, diagnostics to <see cref="Error"/>.</summary>
public sealed class CliOutput(TextWriter output, TextWriter error, bool outputRedirected, bool errorIsTerminal = false)
{
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
