using System.Runtime.InteropServices;

namespace NetLens.Cli.Hosting;

/// <summary>
/// The user's request to stop (SIGINT from Ctrl-C, SIGTERM from kill or systemd) as one cancellation token for the
/// whole command, and the exit code the shell expects afterwards (128 + signal: 130, 143). Long work stops at the
/// token and still writes what it gathered; a change that must not be cut in half holds the signal off with
/// <see cref="Hold"/> until it is complete.
/// </summary>
public sealed class Interruption : IDisposable
{
    public const int SigintExitCode = 130;
    public const int SigtermExitCode = 143;

    private readonly CancellationTokenSource source = new();
    private readonly List<PosixSignalRegistration> registrations = [];
    private readonly Lock gate = new();
    private int holds;
    private int pendingExitCode;

    private Interruption()
    {
    }

    /// <summary>Catches SIGINT and SIGTERM for this process (the default action, dying at once, is replaced).</summary>
    public static Interruption Listen()
    {
        var interruption = new Interruption();
        interruption.registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, c => interruption.OnSignal(c, SigintExitCode)));
        interruption.registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => interruption.OnSignal(c, SigtermExitCode)));
        return interruption;
    }

    /// <summary>Never signalled: for commands run in-process by tests.</summary>
    public static Interruption None() => new();

    /// <summary>Cancelled when the user asked to stop (and no <see cref="Hold"/> is open).</summary>
    public CancellationToken Token => source.Token;

    /// <summary>130 after SIGINT, 143 after SIGTERM; null while nobody asked to stop.</summary>
    public int? ExitCode { get; private set; }

    public bool Requested => ExitCode is not null;

    /// <summary>
    /// Until the returned handle is disposed, a signal is remembered but does not cancel <see cref="Token"/>: the work
    /// inside (a firewall transaction) finishes whole, then the command stops.
    /// </summary>
    public IDisposable Hold()
    {
        lock (gate)
        {
            holds++;
        }

        return new Release(this);
    }

    /// <summary>Simulates the signal (tests, and code that turns another event into a stop).</summary>
    public void Request(int exitCode)
    {
        bool cancelNow;
        lock (gate)
        {
            ExitCode ??= exitCode;
            pendingExitCode = exitCode;
            cancelNow = holds == 0;
        }

        if (cancelNow)
        {
            source.Cancel();
        }
    }

    public void Dispose()
    {
        foreach (var registration in registrations)
        {
            registration.Dispose();
        }

        source.Dispose();
    }

    private void OnSignal(PosixSignalContext context, int exitCode)
    {
        // keep the process alive: the command stops at the token and writes what it has
        context.Cancel = true;
        Request(exitCode);
    }

    private void EndHold()
    {
        bool cancelNow;
        lock (gate)
        {
            holds--;
            cancelNow = holds == 0 && pendingExitCode != 0;
        }

        if (cancelNow)
        {
            source.Cancel();
        }
    }

    private sealed class Release(Interruption owner) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                owner.EndHold();
            }
        }
    }
}
