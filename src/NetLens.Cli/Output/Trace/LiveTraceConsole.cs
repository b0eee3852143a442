using System.Runtime.InteropServices;
using NetLens.Cli.Hosting;
using NetLens.Core.Trace;
using NetLens.Linux.Terminal;

namespace NetLens.Cli.Output.Trace;

/// <summary>Runs the live view on the process's terminal: keys in raw mode, Ctrl-C and SIGTERM ending it cleanly, the terminal restored whatever happens.</summary>
public static class LiveTraceConsole
{
    /// <summary>Live when both ends are a terminal and no document (report, JSON) was asked for; otherwise the one-shot output as before.</summary>
    public static bool Applies(bool documentAsked, CliOutput output) =>
        !documentAsked && !output.OutputRedirected && RawTerminal.IsTerminal(0) && RawTerminal.IsTerminal(1);

    public static int Run(ITraceProber prober, LiveTraceSettings settings, ReverseNames names, CliOutput output)
    {
        using var stop = new CancellationTokenSource();
        void Cancel(PosixSignalContext context)
        {
            // Ctrl-C is how a live view is meant to end: finish the frame and restore the terminal instead of being killed.
            context.Cancel = true;
            stop.Cancel();
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
        using var input = RawTerminal.Enter(0) ?? throw new InvalidOperationException("cannot switch the terminal to key-at-a-time input (tcsetattr failed)");
        // Both restore: disposing twice is harmless, and the input is put back even if the screen cannot be set up.
        using var terminal = new LiveTraceTerminal(output.Out, input);
        LiveTraceLoop.Run(prober, settings, names, terminal, stop.Token);
        return ExitCodes.Success;
    }
}
