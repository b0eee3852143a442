using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using NetLens.Lab.Tests.Trace;
using NetLens.Linux.Namespaces;
using NetLens.Serve.Probing;

namespace NetLens.Lab.Tests.Serve;

/// <summary>
/// The native `netlens serve` with the trace chain's far end as a continuous target and a trace round every 2 s: the
/// per-hop series in /metrics against the chain's own addresses and mtr's report from the same namespace, and a route
/// change on a router against path_changes_total, path_info and the hops' addresses.
/// </summary>
public sealed partial class ServeContinuousTraceLabTests(TraceChainLab lab) : IClassFixture<TraceChainLab>
{
    private static readonly string Config = $"""
        continuous:
          interval: 1s
          targets: [{TraceChainLab.TargetV4}]
          trace:
            interval: 2s
            protocol: icmp
            count: 3
            spacing: 100ms
            timeout: 1s
        """;

    private static readonly string Labels = $"name=\"{TraceChainLab.TargetV4}\",target=\"{TraceChainLab.TargetV4}\"";

    [SkippableFact]
    public void The_per_hop_series_name_the_chains_hops_as_mtr_sees_them()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var serve = Serve(out var network, out var port, out var config);
        try
        {
            // Given two rounds done (the counters then hold more than one round's probes).
            var metrics = WaitFor(network, port, m => m.GetValueOrDefault($"netlens_trace_rounds_total{{{Labels}}}") >= 2, serve);
            var rounds = metrics[$"netlens_trace_rounds_total{{{Labels}}}"];

            // Then the hops of the last round are the chain's, in order, none of them losing; the path id is theirs.
            var expected = TraceChainLab.Path(TraceChainLab.TargetV4);
            var hops = Hops(metrics);
            Assert.True(expected.SequenceEqual(hops.Select(h => h.Address)), string.Join('\n', metrics.Keys));
            Assert.Equal(expected.Length, metrics[$"netlens_trace_hops{{{Labels}}}"]);
            Assert.Equal(1, metrics[$"netlens_trace_path_info{{{Labels},path_id=\"{TracePathId.Of(expected)}\"}}"]);
            Assert.Equal(0, metrics[$"netlens_trace_path_changes_total{{{Labels}}}"]);
            foreach (var hop in hops)
            {
                var hopLabels = $"{Labels},hop=\"{hop.Hop}\",address=\"{hop.Address}\"";
                Assert.Equal("none", hop.LossKind);
                Assert.Equal(0, metrics[$"netlens_trace_hop_loss_ratio{{{hopLabels},loss_kind=\"none\"}}"]);
                Assert.Equal(3 * rounds, metrics[$"netlens_trace_hop_sent_total{{{hopLabels}}}"]);
                Assert.Equal(3 * rounds, metrics[$"netlens_trace_hop_received_total{{{hopLabels}}}"]);
                var min = metrics[$"netlens_trace_hop_rtt_seconds{{{hopLabels},stat=\"min\"}}"];
                var avg = metrics[$"netlens_trace_hop_rtt_seconds{{{hopLabels},stat=\"avg\"}}"];
                var max = metrics[$"netlens_trace_hop_rtt_seconds{{{hopLabels},stat=\"max\"}}"];
                Assert.True(min > 0 && min <= avg && avg <= max && max < 1, $"hop {hop.Hop}: {min} {avg} {max}");
                Assert.True(metrics.ContainsKey($"netlens_trace_hop_rtt_seconds{{{hopLabels},stat=\"last\"}}"));
            }

            // And the classic tool from the same namespace sees the same hosts in the same order.
            var mtr = lab.Source.Exec("mtr", ["-r", "-n", "-c", "3", "-i", "0.1", TraceChainLab.TargetV4]);
            var mtrHosts = mtr.Stdout.Split('\n').Select(l => MtrRow().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToArray();
            Assert.True(mtrHosts.SequenceEqual(hops.Select(h => h.Address)), mtr.Stdout);
        }
        finally
        {
            File.Delete(config);
        }
    }

    [SkippableFact]
    public void A_route_change_at_a_router_counts_a_path_change_and_shows_the_new_path()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var router = lab.Router(2);
        const string Moved = "198.18.2.99";
        using var serve = Serve(out var network, out var port, out var config);
        try
        {
            // Given the path traced as it is.
            var expected = TraceChainLab.Path(TraceChainLab.TargetV4);
            var before = WaitFor(network, port, m => m.GetValueOrDefault($"netlens_trace_rounds_total{{{Labels}}}") >= 1, serve);
            Assert.Equal(expected, Hops(before).Select(h => h.Address));
            var changesBefore = before[$"netlens_trace_path_changes_total{{{Labels}}}"];

            // When router 2 answers from another source address (its route back to the source says so),
            Check(router.Exec("ip", ["addr", "add", $"{Moved}/32", "dev", "left2"]));
            Check(router.Exec("ip", ["route", "replace", "198.18.1.0/24", "via", "198.18.2.1", "src", Moved]));
            string[] moved = [TraceChainLab.HopV4(1), Moved, TraceChainLab.HopV4(3), TraceChainLab.TargetV4];
            var newId = TracePathId.Of(moved);
            var after = WaitFor(network, port, m => m.ContainsKey($"netlens_trace_path_info{{{Labels},path_id=\"{newId}\"}}"), serve);

            // Then the change is counted, path_info carries only the new id, and the hops' gauges name the new router address.
            Assert.True(after[$"netlens_trace_path_changes_total{{{Labels}}}"] >= changesBefore + 1, string.Join('\n', after.Keys));
            Assert.Single(after.Keys, k => k.StartsWith("netlens_trace_path_info{", StringComparison.Ordinal));
            Assert.Equal(moved, Hops(after).Select(h => h.Address));
            Assert.DoesNotContain(after.Keys, k => k.StartsWith("netlens_trace_hop_loss_ratio{", StringComparison.Ordinal) && k.Contains($"address=\"{TraceChainLab.HopV4(2)}\"", StringComparison.Ordinal));
            Assert.True(after[$"netlens_trace_hop_sent_total{{{Labels},hop=\"2\",address=\"{Moved}\"}}"] >= 3);
        }
        finally
        {
            router.Exec("ip", ["route", "replace", "198.18.1.0/24", "via", "198.18.2.1"]);
            router.Exec("ip", ["addr", "del", $"{Moved}/32", "dev", "left2"]);
            File.Delete(config);
        }
    }

    private NamespacedProcess Serve(out NetworkContext network, out int port, out string config)
    {
        config = ServeLab.TempPath("servectrace") + ".yml";
        File.WriteAllText(config, Config);
        network = NetworkContext.For(lab.Source.Name);
        port = ServeLab.FreePort(network);
        var serve = new NamespacedProcess(lab.Source.Name, NativeBinary.Path, ["serve", "--config", config, "--listen", $"127.0.0.1:{port}"]);
        ServeLab.WaitListening(network, port);
        return serve;
    }

    /// <summary>Scrapes /metrics until <paramref name="done"/> holds (rounds every 2 s: 30 s is many of them).</summary>
    private static Dictionary<string, double> WaitFor(NetworkContext network, int port, Func<Dictionary<string, double>, bool> done, NamespacedProcess serve)
    {
        var deadline = Stopwatch.GetTimestamp() + (30 * Stopwatch.Frequency);
        while (true)
        {
            var response = ServeLab.Request(network, port, "GET /metrics");
            var metrics = Samples(response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]);
            if (done(metrics))
            {
                return metrics;
            }

            Assert.True(Stopwatch.GetTimestamp() < deadline, $"not seen in 30 s; last /metrics:\n{string.Join('\n', metrics.Keys)}\nserve's log:\n{serve.Log}");
            Thread.Sleep(200);
        }
    }

    private static void Check(CommandResult result) => Assert.True(result.ExitCode == 0, result.Stderr);

    /// <summary>The hops the last round's loss gauges name, in TTL order.</summary>
    private static List<(int Hop, string Address, string LossKind)> Hops(Dictionary<string, double> metrics) =>
        [.. metrics.Keys.Select(k => LossSeries().Match(k)).Where(m => m.Success)
            .Select(m => (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m.Groups[2].Value, m.Groups[3].Value))
            .OrderBy(h => h.Item1)];

    private static Dictionary<string, double> Samples(string body) =>
        body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#'))
            .Select(l => SampleLine().Match(l)).Where(m => m.Success)
            .ToDictionary(m => m.Groups[1].Value, m => double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), StringComparer.Ordinal);

    // netlens_trace_hop_loss_ratio{name="…",target="…",hop="1",address="198.18.1.2",loss_kind="none"}
    [GeneratedRegex("""^netlens_trace_hop_loss_ratio\{name="[^"]*",target="[^"]*",hop="(\d+)",address="([^"]*)",loss_kind="([a-z_]+)"\}$""")]
    private static partial Regex LossSeries();

    // name{labels} value
    [GeneratedRegex(@"^(\S+(?:\{[^}]*\})?) (\S+)$")]
    private static partial Regex SampleLine();

    // mtr -r: "  1.|-- 198.18.1.2   0.0% ..."
    [GeneratedRegex(@"^\s*\d+\.\|--\s+(\S+)")]
    private static partial Regex MtrRow();
}
