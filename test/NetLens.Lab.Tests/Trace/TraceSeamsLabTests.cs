using System.Text.Json;
using System.Text.RegularExpressions;

namespace NetLens.Lab.Tests.Trace;

/// <summary>
/// The trace seams of issue 12 on the lab chain (src — ra — rb — rc — dst), side by side with the real mtr -r -n from the
/// same namespace: silent hops, a destination that never answers, the root default probe, a local OUTPUT drop, -f and -s.
/// Each test puts an nft table of its own in one namespace and deletes it afterwards.
/// </summary>
public partial class TraceSeamsLabTests(TraceChainLab lab) : IClassFixture<TraceChainLab>
{
    private const string Table = "netlens_seam";
    private const string Cycles = "3";

    private static void Nft(LabNamespace ns, params string[] commands)
    {
        foreach (var command in commands)
        {
            var result = ns.Exec("nft", [.. command.Split(' ')]);
            Assert.True(result.ExitCode == 0, $"nft {command}: {result.Stderr}");
        }
    }

    /// <summary>A table with one chain on <paramref name="hook"/> holding <paramref name="rules"/>; deleted by the returned handle.</summary>
    private static Cleanup Chain(LabNamespace ns, string hook, params string[] rules)
    {
        Nft(ns, $"add table inet {Table}", $"add chain inet {Table} c {{ type filter hook {hook} priority 0 ; }}");
        foreach (var rule in rules)
        {
            Nft(ns, $"add rule inet {Table} c {rule}");
        }

        return new Cleanup(() => ns.Exec("nft", ["delete", "table", "inet", Table]));
    }

    /// <summary>The packet counts of the table's counters, in rule order.</summary>
    private static long[] Counters(LabNamespace ns)
    {
        var listing = ns.Exec("nft", ["list", "table", "inet", Table]).Stdout;
        return [.. CounterPattern().Matches(listing).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];
    }

    private NetLensRun Ours(params string[] arguments) =>
        NetLensRunner.Run(["--netns", lab.Source.Name, "trace", "-n", "-c", Cycles, "-i", "0", "--timeout", "0.5", .. arguments]);

    private CommandResult Mtr(params string[] arguments) =>
        lab.Source.Exec("mtr", ["-r", "-n", "-c", Cycles, "-i", "0.1", "-Z", "1", .. arguments]);

    /// <summary>The report's hop rows: "N.|-- NAME" up to the Loss% column (name and hop, not the times).</summary>
    private static string[] HopNames(string report) =>
        [.. report.Split('\n').Where(l => HopRowPattern().IsMatch(l)).Select(l => l[..33].TrimEnd())];

    [SkippableFact]
    public void A_router_that_sends_no_time_exceeded_is_a_silent_row_at_the_same_hop_as_mtrs()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var drop = Chain(lab.Router(2), "output", "icmp type time-exceeded drop");

        var ours = Ours("-r", TraceChainLab.TargetV4);
        var mtr = Mtr(TraceChainLab.TargetV4);

        Assert.True(ours.ExitCode == 0, ours.Stderr);
        var names = HopNames(ours.Stdout);
        Assert.Equal(HopNames(mtr.Stdout), names);
        Assert.Equal("  2.|-- ???", names[1]);
        Assert.Contains(" 100.0", ours.Stdout.Split('\n').Single(l => l.StartsWith("  2.|-- ???", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_destination_behind_a_drop_is_not_reached_exit_1_and_the_silent_run_stops_like_mtrs()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var drop = Chain(lab.Router(3), "forward", $"ip daddr {TraceChainLab.TargetV4} counter drop");

        var mtr = Mtr(TraceChainLab.TargetV4);
        var mtrProbes = Counters(lab.Router(3))[0];
        var ours = Ours("-r", TraceChainLab.TargetV4);
        var ourProbes = Counters(lab.Router(3))[0] - mtrProbes;
        var csv = Ours("--csv", TraceChainLab.TargetV4);
        var json = Ours("--json", TraceChainLab.TargetV4);

        Assert.Equal(1, ours.ExitCode);
        Assert.Equal(HopNames(mtr.Stdout), HopNames(ours.Stdout));
        Assert.Equal("  4.|-- ???", HopNames(ours.Stdout)[^1]);
        Assert.Equal(
            $"Destination {TraceChainLab.TargetV4} not reached: nothing answered past hop 3 ({TraceChainLab.HopV4(3)}); the probes stop after 5 silent hops, as mtr's do.",
            ours.Stdout.TrimEnd('\n').Split('\n')[^1]);

        // The first round probes the whole range (nothing is known yet: TTLs 4..30 die at the drop), the later ones stop
        // 5 TTLs past hop 3: TTLs 4..8, as mtr's rounds stop after 5 unknown hosts.
        Assert.Equal(27 + (5 * (int.Parse(Cycles, System.Globalization.CultureInfo.InvariantCulture) - 1)), ourProbes);
        Assert.True(ourProbes <= mtrProbes + 27, $"netlens sent {ourProbes} probes past hop 3, mtr {mtrProbes}");

        Assert.Equal(1, csv.ExitCode);
        Assert.EndsWith(",no,silent_hops", csv.Stdout.TrimEnd('\n').Split('\n')[^1], StringComparison.Ordinal);
        Assert.Equal(1, json.ExitCode);
        var document = JsonDocument.Parse(json.Stdout).RootElement;
        Assert.False(document.GetProperty("destination_reached").GetBoolean());
        Assert.Equal("silent_hops", document.GetProperty("stop_reason").GetString());
        var last = document.GetProperty("hops").EnumerateArray().Last();
        Assert.Equal(4, last.GetProperty("ttl").GetInt32());
        Assert.Equal(0, last.GetProperty("hosts").GetArrayLength());
        Assert.Equal(100, last.GetProperty("loss_pct").GetDouble());
    }

    [SkippableFact]
    public void As_root_the_default_probe_is_icmp_echo_as_mtrs()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var count = Chain(lab.Router(3), "forward", $"ip daddr {TraceChainLab.TargetV4} icmp type echo-request counter", $"ip daddr {TraceChainLab.TargetV4} udp dport 33434 counter");

        var json = Ours("--json", TraceChainLab.TargetV4);
        var verbose = Ours("--verbose", "-r", TraceChainLab.TargetV4);
        var udp = Ours("--json", "-u", TraceChainLab.TargetV4);

        Assert.True(json.ExitCode == 0, json.Stderr);
        var document = JsonDocument.Parse(json.Stdout).RootElement;
        Assert.Equal("raw_socket", document.GetProperty("mechanism").GetString());
        Assert.Equal("icmp", document.GetProperty("protocol").GetString());
        Assert.Contains("the default with CAP_NET_RAW: ICMP echo", verbose.Stderr, StringComparison.Ordinal);
        Assert.Equal("udp", JsonDocument.Parse(udp.Stdout).RootElement.GetProperty("protocol").GetString());

        // what really crossed the last router: echo requests from the two default runs, UDP only from -u
        var counters = Counters(lab.Router(3));
        Assert.True(counters[0] >= 2 * int.Parse(Cycles, System.Globalization.CultureInfo.InvariantCulture), $"{counters[0]} echo requests");
        Assert.True(counters[1] >= 1, $"{counters[1]} UDP probes");
    }

    [SkippableTheory]
    [InlineData("--icmp")]
    [InlineData("-u")]
    public void A_send_the_local_output_firewall_refuses_is_one_sentence_naming_it_and_exit_1(string protocol)
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var drop = Chain(lab.Source, "output", $"ip daddr {TraceChainLab.TargetV4} drop");

        var ours = Ours("-r", protocol, TraceChainLab.TargetV4);

        Assert.Equal(1, ours.ExitCode);
        var line = Assert.Single(ours.Stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith($"netlens: error: the local firewall (OUTPUT) refused the probe to {TraceChainLab.TargetV4}", line, StringComparison.Ordinal);
        Assert.Empty(ours.Stdout);
    }

    [SkippableFact]
    public void First_ttl_2_starts_the_report_at_hop_2_as_mtr_f_2()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var count = Chain(lab.Router(1), "prerouting", $"ip daddr {TraceChainLab.TargetV4} ip ttl 1 counter");

        var ours = Ours("-r", "-f", "2", TraceChainLab.TargetV4);
        var ttl1WithFirst2 = Counters(lab.Router(1))[0];
        var whole = Ours("-r", TraceChainLab.TargetV4);
        var ttl1Without = Counters(lab.Router(1))[0] - ttl1WithFirst2;
        var mtr = Mtr("-f", "2", TraceChainLab.TargetV4);

        Assert.True(ours.ExitCode == 0, ours.Stderr);
        Assert.Equal(HopNames(mtr.Stdout), HopNames(ours.Stdout));
        Assert.StartsWith("  2.|-- ", HopNames(ours.Stdout)[0], StringComparison.Ordinal);

        // no probe reached router 1 with TTL 1 (the control without -f sends one a round)
        Assert.Equal(0, ttl1WithFirst2);
        Assert.True(whole.ExitCode == 0, whole.Stderr);
        Assert.Equal(int.Parse(Cycles, System.Globalization.CultureInfo.InvariantCulture), ttl1Without);
    }

    [SkippableTheory]
    [InlineData("--icmp", "icmp type echo-request")]
    [InlineData("-u", "udp dport 33434")]
    public void Psize_100_sends_100_byte_ip_packets(string protocol, string match)
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var count = Chain(lab.Router(1), "forward", $"ip daddr {TraceChainLab.TargetV4} {match} ip length 100 counter", $"ip daddr {TraceChainLab.TargetV4} {match} ip length != 100 counter");

        var ours = Ours("-r", "-s", "100", protocol, TraceChainLab.TargetV4);

        Assert.True(ours.ExitCode == 0, ours.Stderr);
        var counters = Counters(lab.Router(1));
        // every probe that crossed router 1 (TTL 2 and up, each round) was 100 bytes long, none another size
        Assert.True(counters[0] >= 3 * int.Parse(Cycles, System.Globalization.CultureInfo.InvariantCulture), $"{counters[0]} probes of 100 bytes");
        Assert.Equal(0, counters[1]);
    }

    [GeneratedRegex(@"counter packets (\d+)")]
    private static partial Regex CounterPattern();

    [GeneratedRegex(@"^ *\d+\.\|-- ")]
    private static partial Regex HopRowPattern();

    private sealed class Cleanup(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }
}
