using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using NetLens.Lab.Tests.Trace;
using NetLens.Linux.Namespaces;
using NetLens.Serve.Config;
using NetLens.Serve.Probing;

namespace NetLens.Lab.Tests.Serve;

/// <summary>
/// The trace module on the trace chain (source — three routers — target): its hops against the chain's own addresses
/// and mtr's report from the same namespace, its loss against an nft rule on the last hop whose counter says how many
/// probes it really dropped, and its path_id against a route change made on a router.
/// </summary>
public sealed partial class ServeTraceLabTests(TraceChainLab lab) : IClassFixture<TraceChainLab>
{
    private const string Modules = """
        modules:
          path:
            prober: trace
            timeout: 8s
            trace:
              preferred_ip_protocol: ip4
              count: 3
              interval: 100ms
          loss:
            prober: trace
            timeout: 8s
            trace:
              preferred_ip_protocol: ip4
              count: 20
              interval: 100ms
        probe_allow: [198.18.0.0/15]
        """;

    [SkippableFact]
    public void Serve_traces_the_hops_of_the_chain_as_mtr_sees_them()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var config = Path.Combine(Path.GetTempPath(), $"netlens-servetrace-{Environment.ProcessId}-{Random.Shared.Next():x}.yml");
        File.WriteAllText(config, Modules);
        var network = NetworkContext.For(lab.Source.Name);
        var port = ServeLab.FreePort(network);
        Process? serve = null;
        try
        {
            // The NativeAOT binary behind its own HTTP server, as Prometheus would scrape it.
            serve = Start(NativeBinary.Path, "serve", "--config", config, "--listen", $"127.0.0.1:{port}");
            ServeLab.WaitListening(network, port);
            var response = ServeLab.Probe(network, port, $"target={TraceChainLab.TargetV4}&module=path", 10);
            Assert.StartsWith("HTTP/1.1 200", response, StringComparison.Ordinal);
            var metrics = Samples(response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]);

            var hops = Hops(metrics);
            var expected = TraceChainLab.Path(TraceChainLab.TargetV4);
            Assert.True(expected.SequenceEqual(hops.Select(h => h.Address)), string.Join('\n', metrics.Keys));
            Assert.Equal(1, metrics["probe_success"]);
            Assert.Equal(4, metrics["probe_ip_protocol"]);
            Assert.Equal(expected.Length, metrics["probe_trace_hops"]);
            Assert.Single(hops.Select(h => h.PathId).Distinct());
            Assert.Equal(TracePathId.Of(expected), hops[0].PathId);
            foreach (var hop in hops)
            {
                Assert.Equal(3, metrics[$"probe_trace_hop_sent{{{hop.Labels}}}"]);
                Assert.Equal(3, metrics[$"probe_trace_hop_received{{{hop.Labels}}}"]);
                Assert.Equal(0, metrics[$"probe_trace_hop_loss_ratio{{{hop.Labels},loss_kind=\"none\"}}"]);
                var min = metrics[$"probe_trace_hop_rtt_seconds{{{hop.Labels},stat=\"min\"}}"];
                var avg = metrics[$"probe_trace_hop_rtt_seconds{{{hop.Labels},stat=\"avg\"}}"];
                var max = metrics[$"probe_trace_hop_rtt_seconds{{{hop.Labels},stat=\"max\"}}"];
                Assert.True(min > 0 && min <= avg && avg <= max && max < 1, $"hop {hop.Hop}: {min} {avg} {max}");
                Assert.True(metrics.ContainsKey($"probe_trace_hop_rtt_seconds{{{hop.Labels},stat=\"stddev\"}}"));
                Assert.True(metrics.ContainsKey($"probe_trace_hop_rtt_seconds{{{hop.Labels},stat=\"last\"}}"));
            }

            // The classic tool from the same namespace: the same hosts in the same order.
            var mtr = lab.Source.Exec("mtr", ["-r", "-n", "-c", "3", "-i", "0.1", TraceChainLab.TargetV4]);
            var mtrHosts = mtr.Stdout.Split('\n').Select(l => MtrRow().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToArray();
            Assert.True(mtrHosts.SequenceEqual(hops.Select(h => h.Address)), mtr.Stdout);
        }
        finally
        {
            if (serve is not null)
            {
                serve.Kill(entireProcessTree: true);
                serve.WaitForExit();
                serve.Dispose();
            }

            File.Delete(config);
        }
    }

    [SkippableFact]
    public async Task A_thirty_percent_drop_on_the_last_hop_is_its_loss_ratio()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var target = lab.Router(TraceChainLab.Links);
        const string Table = "servetrace_loss";

        // Only the probes of TTL 4 arrive with TTL 1 (three routers on the way): 3 of every 10 of them dropped, in the
        // order they arrive (nft's counter-based pick, iptables' statistic --mode nth), the counter as the truth.
        Assert.True(Shell.Run("ip", ["netns", "exec", target.Name, "nft", "-f", "-"], stdin: $$"""
            table ip {{Table}} {
              chain input {
                type filter hook input priority 0;
                ip ttl 1 icmp type echo-request numgen inc mod 10 < 3 counter drop
              }
            }
            """).ExitCode == 0, "nft could not load the loss rule");
        try
        {
            var config = ServeConfigReader.Read(Modules, "lab.yml");
            var handler = new ProbeHandler(() => config, NetworkContext.For(lab.Source.Name));
            var answer = await handler.HandleAsync(new Dictionary<string, string> { ["target"] = TraceChainLab.TargetV4, ["module"] = "loss" }, "10", CancellationToken.None);
            var metrics = Samples(answer.Body);
            var dropped = int.Parse(DroppedPackets().Match(target.Exec("nft", ["list", "table", "ip", Table]).Stdout).Groups[1].Value, CultureInfo.InvariantCulture);

            var hops = Hops(metrics);
            var last = hops[^1];
            Assert.Equal(TraceChainLab.TargetV4, last.Address);
            Assert.Equal(20, metrics[$"probe_trace_hop_sent{{{last.Labels}}}"]);
            var truth = dropped / 20.0;
            Assert.Equal(0.3, truth, 6);
            var loss = metrics.Single(m => m.Key.StartsWith($"probe_trace_hop_loss_ratio{{{last.Labels},", StringComparison.Ordinal)).Value;
            Assert.InRange(loss, 0.3 - 0.2, 0.3 + 0.2);
            Assert.Equal(truth, loss, 6);
            Assert.Equal(20 - dropped, metrics[$"probe_trace_hop_received{{{last.Labels}}}"]);
            Assert.Equal(1, metrics["probe_success"]);

            // The routers before it lose nothing.
            foreach (var hop in hops[..^1])
            {
                Assert.Equal(0, metrics[$"probe_trace_hop_loss_ratio{{{hop.Labels},loss_kind=\"none\"}}"]);
            }
        }
        finally
        {
            target.Exec("nft", ["delete", "table", "ip", Table]);
        }
    }

    [SkippableFact]
    public async Task A_route_change_at_a_router_changes_the_path_id()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var config = ServeConfigReader.Read(Modules, "lab.yml");
        var handler = new ProbeHandler(() => config, NetworkContext.For(lab.Source.Name));
        var before = Hops(await Probe(handler));
        Assert.Equal(TraceChainLab.Path(TraceChainLab.TargetV4), before.Select(h => h.Address));

        // Router 2 now routes back to the source with another source address: its time-exceeded answers come from it,
        // hop 2 of the path is another address.
        var router = lab.Router(2);
        const string Moved = "198.18.2.99";
        Check(router.Exec("ip", ["addr", "add", $"{Moved}/32", "dev", "left2"]));
        try
        {
            Check(router.Exec("ip", ["route", "replace", "198.18.1.0/24", "via", "198.18.2.1", "src", Moved]));
            var after = Hops(await Probe(handler));
            Assert.Equal([TraceChainLab.HopV4(1), Moved, TraceChainLab.HopV4(3), TraceChainLab.TargetV4], after.Select(h => h.Address));
            Assert.NotEqual(before[0].PathId, after[0].PathId);
            Assert.Single(after.Select(h => h.PathId).Distinct());
        }
        finally
        {
            router.Exec("ip", ["route", "replace", "198.18.1.0/24", "via", "198.18.2.1"]);
            router.Exec("ip", ["addr", "del", $"{Moved}/32", "dev", "left2"]);
        }

        // The route back: the path, and its id, as before.
        var again = Hops(await Probe(handler));
        Assert.Equal(before[0].PathId, again[0].PathId);
    }

    [SkippableFact]
    public async Task Rounds_past_the_scrape_deadline_are_cut_and_the_whole_ones_reported()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        // No module timeout: 50 rounds 100 ms apart cannot fit a 2 s scrape (1.5 s once blackbox's offset is taken).
        var config = ServeConfigReader.Read("""
            modules:
              long:
                prober: trace
                trace:
                  preferred_ip_protocol: ip4
                  count: 50
                  interval: 100ms
            probe_allow: [198.18.0.0/15]
            """, "lab.yml");
        var handler = new ProbeHandler(() => config, NetworkContext.For(lab.Source.Name));
        var answer = await handler.HandleAsync(new Dictionary<string, string> { ["target"] = TraceChainLab.TargetV4, ["module"] = "long" }, "2", CancellationToken.None);
        var metrics = Samples(answer.Body);

        Assert.InRange(metrics["probe_duration_seconds"], 1.0, 1.6);
        Assert.Equal(1, metrics["probe_success"]);
        var hops = Hops(metrics);
        Assert.Equal(TraceChainLab.Path(TraceChainLab.TargetV4), hops.Select(h => h.Address));
        var sent = hops.Select(h => metrics[$"probe_trace_hop_sent{{{h.Labels}}}"]).Distinct().ToList();

        // Whole rounds only: every hop has the same count, under 50 and more than a few; none of them lost.
        var rounds = Assert.Single(sent);
        Assert.InRange(rounds, 5, 16);
        Assert.All(hops, h => Assert.Equal(rounds, metrics[$"probe_trace_hop_received{{{h.Labels}}}"]));
        Assert.Contains("Trace cut at the deadline", answer.Log ?? (await handler.HandleAsync(new Dictionary<string, string> { ["target"] = TraceChainLab.TargetV4, ["module"] = "long", ["debug"] = "true" }, "2", CancellationToken.None)).Body, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_routers_admin_prohibited_answer_ends_the_trace_with_its_mark()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var router = lab.Router(2);
        const string Table = "servetrace_reject";
        Check(router.Exec("nft", ["add", "table", "ip", Table]));
        try
        {
            Check(router.Exec("nft", ["add", "chain", "ip", Table, "f", "{ type filter hook forward priority 0 ; }"]));
            Check(router.Exec("nft", ["add", "rule", "ip", Table, "f", "ip", "daddr", TraceChainLab.TargetV4, "reject", "with", "icmp", "type", "admin-prohibited"]));
            var config = ServeConfigReader.Read(Modules, "lab.yml");
            var metrics = await Probe(new ProbeHandler(() => config, NetworkContext.For(lab.Source.Name)));

            // TTL 2 expires on the router before its forward hook: the reject answers from TTL 3, the last hop, as traceroute's !X.
            Assert.Equal(0, metrics["probe_success"]);
            Assert.Equal(3, metrics["probe_trace_hops"]);
            Assert.Equal(1, metrics["probe_trace_unreachable{hop=\"3\",mark=\"!X\"}"]);
            Assert.Single(metrics.Keys, k => k.StartsWith("probe_trace_unreachable{", StringComparison.Ordinal));
            Assert.Equal([TraceChainLab.HopV4(1), TraceChainLab.HopV4(2), TraceChainLab.HopV4(2)], Hops(metrics).Select(h => h.Address));
        }
        finally
        {
            router.Exec("nft", ["delete", "table", "ip", Table]);
        }
    }

    private static async Task<Dictionary<string, double>> Probe(ProbeHandler handler)
    {
        var answer = await handler.HandleAsync(new Dictionary<string, string> { ["target"] = TraceChainLab.TargetV4, ["module"] = "path" }, "10", CancellationToken.None);
        Assert.Equal(200, answer.Status);
        return Samples(answer.Body);
    }

    private static void Check(CommandResult result) => Assert.True(result.ExitCode == 0, result.Stderr);

    /// <summary>The hops the probe_trace_hop_sent series name, in TTL order.</summary>
    private static List<TraceHop> Hops(Dictionary<string, double> metrics) =>
        [.. metrics.Keys.Select(k => HopSeries().Match(k)).Where(m => m.Success)
            .Select(m => new TraceHop(int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), m.Groups[3].Value, m.Groups[4].Value, m.Groups[1].Value))
            .OrderBy(h => h.Hop)];

    private static Dictionary<string, double> Samples(string body) =>
        body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#'))
            .Select(l => SampleLine().Match(l)).Where(m => m.Success)
            .ToDictionary(m => m.Groups[1].Value, m => double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), StringComparer.Ordinal);

    private Process Start(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo("ip") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in (string[])["netns", "exec", lab.Source.Name, file, .. arguments])
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info)!;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return process;
    }

    /// <summary>One hop as its series name it: TTL, address, path id, and the label text to look its other series up by.</summary>
    private sealed record TraceHop(int Hop, string Address, string PathId, string Labels);

    // probe_trace_hop_sent{hop="1",address="198.18.1.2",path_id="0123abcd"}
    [GeneratedRegex("""^probe_trace_hop_sent\{((?:hop="(\d+)"),address="([^"]*)",path_id="([0-9a-f]{8})")\}$""")]
    private static partial Regex HopSeries();

    // name{labels} value
    [GeneratedRegex(@"^(\S+(?:\{[^}]*\})?) (\S+)$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"counter packets (\d+)")]
    private static partial Regex DroppedPackets();

    // mtr -r: "  1.|-- 198.18.1.2   0.0% ..."
    [GeneratedRegex(@"^\s*\d+\.\|--\s+(\S+)")]
    private static partial Regex MtrRow();
}
