using NetLens.Cli.Hosting;
using NetLens.Engines.Trace;
using NetLens.Linux.Terminal;

namespace NetLens.Cli.Output.Trace;

/// <summary>Runs the live view on the process's terminal: keys in raw mode, Ctrl-C and SIGTERM ending it cleanly, the terminal restored whatever happens.</summary>
public static class LiveTraceConsole
{
    /// <summary>Live when both ends are a terminal and no document (report, JSON) was asked for; otherwise the one-shot output as before.</summary>
    public static bool Applies(bool documentAsked, CliOutput output) =>
        !documentAsked && !output.OutputRedirected && RawTerminal.IsTerminal(0) && RawTerminal.IsTerminal(1);

    public static int Run(TraceSession session, int? count, ReverseNames names, CliOutput output, MtrFields? fields = null)
    {
        using var input = RawTerminal.Enter(0) ?? throw new InvalidOperationException("cannot switch the terminal to key-at-a-time input (tcsetattr failed)");
        // Both restore: disposing twice is harmless, and the input is put back even if the screen cannot be set up.
        using var terminal = new LiveTraceTerminal(output.Out, input);

        // Ctrl-C (the command's interruption) is how a live view is meant to end: the last frame stays, exit 0 as after q.
        LiveTraceLoop.Run(session, count, names, terminal, output.Interruption.Token, fields);
        return ExitCodes.Success;
    }
}
