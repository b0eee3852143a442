using NetLens.Engines.Trace;

namespace NetLens.Cli.Output.Trace;

/// <summary>The screen and keyboard the live view talks to: <see cref="LiveTraceTerminal"/> on a real terminal, a scripted one in tests.</summary>
public interface ILiveTraceTerminal
{
    (int Width, int Height) Size { get; }

    /// <summary>Replaces what is on screen with <paramref name="lines"/>.</summary>
    void Show(IReadOnlyList<string> lines);

    /// <summary>The next byte typed, waiting at most <paramref name="wait"/>; -1 when none came.</summary>
    int ReadKey(TimeSpan wait);
}

/// <summary>Why the live view ended.</summary>
public enum LiveTraceEnd
{
    Quit,
    Interrupted,
    CountDone,
}

/// <summary>
/// Shows a trace session round after round and reads keys in between: q quits, p pauses and resumes, r starts the counters
/// over. The session probes on its own schedule (rounds an interval apart, overlapping, each probe waiting the adaptive
/// timeout); the view waits for keys only while no round is out, and redraws after each round and at least every quarter
/// second, so names that arrive from the background lookups show up.
/// </summary>
public static class LiveTraceLoop
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(250);

    /// <summary>Runs the view until q, Ctrl-C (<paramref name="cancellation"/>) or <paramref name="count"/> rounds (counted since the last r; null: no end).</summary>
    public static LiveTraceEnd Run(TraceSession session, int? count, ReverseNames names, ILiveTraceTerminal terminal, CancellationToken cancellation, MtrFields? fields = null)
    {
        var mechanism = LossKindWords.Snake(session.Mechanism.ToString());
        var paused = false;

        void Draw()
        {
            var (width, height) = terminal.Size;
            var frame = new LiveTraceFrame(session.Request.Target, session.Request.Address, mechanism, DateTimeOffset.Now, session.Rounds, paused, session.Hops(), names.Display)
            {
                Fields = fields ?? MtrFields.Default,
            };
            terminal.Show(LiveTraceScreen.Render(frame, width, height));
        }

        Draw();
        while (!cancellation.IsCancellationRequested)
        {
            var untilNext = session.UntilNextRound;
            var wait = paused || untilNext > Refresh ? Refresh : untilNext;
            switch (LiveTraceKeys.Of(terminal.ReadKey(wait)))
            {
                case LiveTraceKey.Quit:
                    return LiveTraceEnd.Quit;
                case LiveTraceKey.Pause:
                    paused = !paused;
                    if (paused)
                    {
                        session.Pause();
                    }

                    break;
                case LiveTraceKey.Reset:
                    session.Reset();
                    break;
            }

            if (!paused && session.UntilNextRound <= TimeSpan.Zero)
            {
                // Null only when cancelled: the round cut short is left out of the statistics.
                if (session.NextRound(cancellation) is not { } round)
                {
                    break;
                }

                foreach (var probe in round.Results)
                {
                    names.Request(probe.Responder);
                }

                if (session.Rounds == count)
                {
                    Draw();
                    return LiveTraceEnd.CountDone;
                }
            }

            Draw();
        }

        return LiveTraceEnd.Interrupted;
    }
}
