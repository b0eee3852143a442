using System.Net;
using NetLens.Cli.Output.Trace;
using NetLens.Core.Probing;
using NetLens.Core.Trace;

namespace NetLens.Cli.Tests.Trace;

public class LiveTraceScreenTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 15, 30, 41, TimeSpan.Zero);

    /// <summary>Four hops: the second answered from two addresses (one with MPLS labels), the third never, the fourth lost a share.</summary>
    private static IReadOnlyList<HopReport> Hops()
    {
        var statistics = new TraceStatistics(10);
        for (var round = 0; round < 4; round++)
        {
            statistics.Add(new ProbeResult(round, 1, ProbeOutcome.HopReplied, IPAddress.Parse("198.18.1.2"), 0.2));
            var second = IPAddress.Parse(round % 4 == 3 ? "198.18.3.2" : "198.18.2.2");
            statistics.Add(new ProbeResult(round, 2, ProbeOutcome.HopReplied, second, 0.4) { Mpls = round == 3 ? [new MplsLabel(24001, 0, true, 1)] : [] });
            statistics.Add(ProbeResult.Lost(round, 3));
            statistics.Add(round == 0 ? ProbeResult.Lost(round, 4) : new ProbeResult(round, 4, ProbeOutcome.DestinationReached, IPAddress.Parse("198.18.9.9"), 0.6));
        }

        return statistics.Report();
    }

    private static LiveTraceFrame Frame(bool paused = false) =>
        new("target.example", IPAddress.Parse("198.18.9.9"), "udp_error_queue", Now, 4, paused, Hops(), a => a.Equals(IPAddress.Parse("198.18.1.2")) ? "r1.lab.example" : a.ToString());

    [Fact]
    public void A_wide_terminal_shows_mtrs_columns_every_host_with_its_share_the_labels_and_the_reading()
    {
        var expected = """
            netlens trace target.example (198.18.9.9) with udp_error_queue                 2026-11-25 15:30:41
            Keys: q quit  p pause/resume  r reset counters                                            4 rounds

             Host                                       Loss%   Snt   Last   Avg  Best  Wrst StDev  Reading
              1. r1.lab.example                          0.0%     4    0.2   0.2   0.2   0.2   0.0
              2. 198.18.2.2 (75%)                        0.0%     4    0.4   0.4   0.4   0.4   0.0
                 198.18.3.2 (25%)
                   [MPLS: Lbl 24001 TC 0 S 1 TTL 1]
              3. ???                                    100.0     4    0.0   0.0   0.0   0.0   0.0  real loss
              4. 198.18.9.9                             25.0%     4    0.6   0.6   0.6   0.6   0.0  real loss
            """.Replace("\r", "", StringComparison.Ordinal).Split('\n');

        var lines = LiveTraceScreen.Render(Frame(), 98, 40);

        Assert.Equal(expected, lines);
    }

    [Fact]
    public void A_paused_view_says_so_next_to_the_keys()
    {
        var lines = LiveTraceScreen.Render(Frame(paused: true), 98, 40);

        Assert.EndsWith("paused after 4 rounds", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_narrow_terminal_drops_the_reading_column_and_no_line_is_wider_than_the_screen()
    {
        var lines = LiveTraceScreen.Render(Frame(), 64, 40);

        Assert.All(lines, line => Assert.True(line.Length <= 64, line));
        Assert.DoesNotContain(lines, line => line.Contains("Reading", StringComparison.Ordinal) || line.Contains("real loss", StringComparison.Ordinal));
        Assert.StartsWith("  1. r1.lab.example", lines[4], StringComparison.Ordinal);
        Assert.EndsWith("  0.0%     4    0.2   0.2   0.2   0.2   0.0", lines[4], StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_past_the_bottom_of_the_screen_are_left_out_so_the_header_stays()
    {
        var lines = LiveTraceScreen.Render(Frame(), 98, 6);

        Assert.Equal(6, lines.Count);
        Assert.StartsWith("netlens trace", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Before_the_first_round_the_view_says_it_is_waiting()
    {
        var frame = Frame() with { Rounds = 0, Hops = [] };

        Assert.Equal("    waiting for the first round…", LiveTraceScreen.Render(frame, 98, 40)[^1]);
    }

    [Theory]
    [InlineData('q', LiveTraceKey.Quit)]
    [InlineData('Q', LiveTraceKey.Quit)]
    [InlineData(3, LiveTraceKey.Quit)]
    [InlineData('p', LiveTraceKey.Pause)]
    [InlineData('r', LiveTraceKey.Reset)]
    [InlineData('x', LiveTraceKey.None)]
    [InlineData(-1, LiveTraceKey.None)]
    public void Keys_map_to_mtrs_letters(int key, LiveTraceKey expected) => Assert.Equal(expected, LiveTraceKeys.Of(key));
}
