using System.Diagnostics;
using System.Net;
using NetLens.Core.Trace;

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

/// <summary>What the live view probes: <see cref="Count"/> rounds, or until q when null.</summary>
public sealed record LiveTraceSettings(string Target, IPAddress Address, int? Count, TimeSpan Interval, TimeSpan Timeout, int MaxHops);

/// <summary>Why the live view ended.</summary>
public enum LiveTraceEnd
{
    Quit,
    Interrupted,
    CountDone,
}

/// <summary>
/// Probes round after round and redraws after each one, reading keys in between: q quits, p pauses and resumes, r starts
/// the counters over. Names that arrive from the background lookups show at the next redraw (at least every quarter second).
/// </summary>
public static class LiveTraceLoop
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(250);

    public static LiveTraceEnd Run(ITraceProber prober, LiveTraceSettings settings, ReverseNames names, ILiveTraceTerminal terminal, CancellationToken cancellation)
    {
        var mechanism = LossKindWords.Snake(prober.Mechanism.ToString());
        var statistics = new TraceStatistics(settings.MaxHops);
        var round = 0;
        var rounds = 0;
        var paused = false;
        var next = Stopwatch.GetTimestamp();

        void Draw()
        {
            var (width, height) = terminal.Size;
            var frame = new LiveTraceFrame(settings.Target, settings.Address, mechanism, DateTimeOffset.Now, rounds, paused, statistics.Report(), names.Display);
            terminal.Show(LiveTraceScreen.Render(frame, width, height));
        }

        Draw();
        while (!cancellation.IsCancellationRequested)
        {
            var untilNext = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
            var wait = paused || untilNext > Refresh ? Refresh : untilNext < TimeSpan.Zero ? TimeSpan.Zero : untilNext;
            switch (LiveTraceKeys.Of(terminal.ReadKey(wait)))
            {
                case LiveTraceKey.Quit:
                    return LiveTraceEnd.Quit;
                case LiveTraceKey.Pause:
                    paused = !paused;
                    next = Stopwatch.GetTimestamp();
                    break;
                case LiveTraceKey.Reset:
                    statistics = new TraceStatistics(settings.MaxHops);
                    rounds = 0;
                    break;
            }

            if (!paused && Stopwatch.GetTimestamp() >= next)
            {
                var began = Stopwatch.GetTimestamp();
                var results = prober.ProbeRound(round++, statistics.TtlsToProbe, settings.Timeout, cancellation);
                if (cancellation.IsCancellationRequested)
                {
                    // A round cut short by Ctrl-C would count its unanswered probes as lost.
                    break;
                }

                foreach (var probe in results)
                {
                    if (probe.Ttl <= statistics.TtlsToProbe)
                    {
                        statistics.Add(probe);
                    }

                    names.Request(probe.Responder);
                }

                rounds++;
                next = began + (long)(settings.Interval.TotalSeconds * Stopwatch.Frequency);
                if (rounds == settings.Count)
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
