using System.Net;
using NetLens.Cli.Output.Trace;
using NetLens.Core.Probing;
using NetLens.Core.Trace;
using NetLens.Engines.Trace;

namespace NetLens.Cli.Tests.Trace;

/// <summary>The live loop driven by scripted keys and a prober that answers at once: what each key does to probing and to the screen.</summary>
public class LiveTraceLoopTests
{
    private static readonly IPAddress Router = IPAddress.Parse("198.18.1.2");
    private static readonly IPAddress Target = IPAddress.Parse("198.18.2.2");

    /// <summary>Hop 1 a router, hop 2 the target; counts its rounds and can cancel during one of them.</summary>
    private sealed class TwoHopProber(Action<int>? duringRound = null) : ITraceProber
    {
        public int Rounds { get; private set; }

        public ProbeMechanism Mechanism => ProbeMechanism.UdpErrorQueue;

        public TraceFlow Flow { get; } = new() { Protocol = ProbeProtocol.Udp, Target = Target };

        public IReadOnlyList<ProbeResult> ProbeRound(int round, int ttls, TimeSpan timeout, CancellationToken cancellationToken)
        {
            Rounds++;
            duringRound?.Invoke(Rounds);
            return [.. Enumerable.Range(1, ttls).Select(ttl => ttl switch
            {
                1 => new ProbeResult(round, 1, ProbeOutcome.HopReplied, Router, 0.5),
                2 => new ProbeResult(round, 2, ProbeOutcome.DestinationReached, Target, 1),
                _ => ProbeResult.Lost(round, ttl),
            })];
        }

        public void Dispose()
        {
        }
    }

    /// <summary>Hands out scripted keys (-1: nothing typed) and keeps every frame; q once the script is used up.</summary>
    private sealed class ScriptedTerminal(params int[] keys) : ILiveTraceTerminal
    {
        private readonly Queue<int> _keys = new(keys);

        public List<IReadOnlyList<string>> Frames { get; } = [];

        public (int Width, int Height) Size => (100, 30);

        public void Show(IReadOnlyList<string> lines) => Frames.Add(lines);

        public int ReadKey(TimeSpan wait) => _keys.Count > 0 ? _keys.Dequeue() : 'q';
    }

    private static TraceSession Session(ITraceProber prober) => new(
        new TraceRequest { Target = "198.18.2.2", Address = Target, Rounds = null, Interval = TimeSpan.Zero, Timeout = TimeSpan.FromSeconds(1), MaxHops = 5 },
        prober);

    private static string Status(IReadOnlyList<string> frame) => frame[1][LiveTraceScreen.Keys.Length..].Trim();

    private static string SentAtHop1(IReadOnlyList<string> frame) => frame[4].Split(' ', StringSplitOptions.RemoveEmptyEntries)[3];

    [Fact]
    public void P_pauses_probing_p_again_resumes_r_starts_the_counters_over_and_q_ends_with_nothing_more_drawn()
    {
        var prober = new TwoHopProber();
        var terminal = new ScriptedTerminal(-1, 'p', -1, 'p', -1, 'r', 'q');

        var end = LiveTraceLoop.Run(Session(prober), null, Output.Trace.ReverseNames.Off, terminal, CancellationToken.None);

        Assert.Equal(LiveTraceEnd.Quit, end);
        Assert.Equal(4, prober.Rounds);
        Assert.Equal(
            ["0 rounds", "1 round", "paused after 1 round", "paused after 1 round", "2 rounds", "3 rounds", "1 round"],
            terminal.Frames.Select(Status));
        Assert.Equal(["1", "1", "2", "3", "1"], terminal.Frames.Skip(1).Where(f => f.Count > 4).Select(SentAtHop1).Where((_, i) => i != 2));
    }

    [Fact]
    public void With_a_count_the_view_ends_after_that_many_rounds_with_the_last_frame_drawn()
    {
        var prober = new TwoHopProber();
        var terminal = new ScriptedTerminal(-1, -1, -1, -1, -1);

        var end = LiveTraceLoop.Run(Session(prober), 3, Output.Trace.ReverseNames.Off, terminal, CancellationToken.None);

        Assert.Equal(LiveTraceEnd.CountDone, end);
        Assert.Equal(3, prober.Rounds);
        Assert.Equal("3 rounds", Status(terminal.Frames[^1]));
        Assert.Equal("3", SentAtHop1(terminal.Frames[^1]));
    }

    [Fact]
    public void An_interrupt_during_a_round_ends_the_view_without_counting_that_round()
    {
        using var interrupt = new CancellationTokenSource();
        var prober = new TwoHopProber(round => { if (round == 2) { interrupt.Cancel(); } });
        var terminal = new ScriptedTerminal(-1, -1, -1);

        var end = LiveTraceLoop.Run(Session(prober), null, Output.Trace.ReverseNames.Off, terminal, interrupt.Token);

        Assert.Equal(LiveTraceEnd.Interrupted, end);
        Assert.Equal("1 round", Status(terminal.Frames[^1]));
    }
}
