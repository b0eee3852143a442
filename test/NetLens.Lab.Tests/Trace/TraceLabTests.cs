using System.Text.Json;

namespace NetLens.Lab.Tests.Trace;

/// <summary>`netlens trace` over a four-link chain of namespaces: ground truth is the addresses the lab gave the routers.</summary>
public class TraceLabTests(TraceChainLab lab) : IClassFixture<TraceChainLab>
{
    // A generous per-probe wait: replies over veth come back in well under a millisecond, so only loss ever waits it out.
    private static readonly string[] Rounds = ["--count", "30", "--interval", "0", "--timeout", "1"];

    private JsonElement TraceJson(string target, params string[] extra)
    {
        var run = NetLensRunner.Run(["--netns", lab.Source.Name, "--json", "trace", "-n", target, .. Rounds, .. extra]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        return JsonDocument.Parse(run.Stdout).RootElement;
    }

    private static string[] HopAddresses(JsonElement trace) =>
        [.. trace.GetProperty("hops").EnumerateArray().Select(h => Assert.Single(h.GetProperty("hosts").EnumerateArray()).GetProperty("address").GetString()!)];

    [SkippableFact]
    public void An_unprivileged_udp_trace_names_every_router_in_order_and_reaches_the_target_without_loss()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        // UDP asked for: as root the default is now ICMP echo, as mtr's
        var trace = TraceJson(TraceChainLab.TargetV4, "-u");

        Assert.Equal("udp_error_queue", trace.GetProperty("mechanism").GetString());
        Assert.Equal([TraceChainLab.HopV4(1), TraceChainLab.HopV4(2), TraceChainLab.HopV4(3), TraceChainLab.TargetV4], HopAddresses(trace));
        Assert.True(trace.GetProperty("destination_reached").GetBoolean());
        Assert.All(trace.GetProperty("hops").EnumerateArray(), hop =>
        {
            Assert.Equal((30, 30, 0.0, "none"), (hop.GetProperty("sent").GetInt32(), hop.GetProperty("received").GetInt32(), hop.GetProperty("loss_pct").GetDouble(), hop.GetProperty("loss_kind").GetString()));
        });
    }

    [SkippableFact]
    public void An_ipv6_trace_names_every_router_in_order_and_reaches_the_target()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var trace = TraceJson(TraceChainLab.TargetV6);

        Assert.Equal([TraceChainLab.HopV6(1), TraceChainLab.HopV6(2), TraceChainLab.HopV6(3), TraceChainLab.TargetV6], HopAddresses(trace));
        Assert.All(trace.GetProperty("hops").EnumerateArray(), hop => Assert.Equal("none", hop.GetProperty("loss_kind").GetString()));
    }

    [SkippableFact]
    public void A_router_dropping_half_its_time_exceeded_reads_rate_limited_and_the_target_none()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var router = lab.Router(2);
        string[] rule = ["OUTPUT", "-p", "icmp", "--icmp-type", "time-exceeded", "-m", "statistic", "--mode", "random", "--probability", "0.5", "-j", "DROP"];
        Assert.Equal(0, router.Exec("iptables", ["-A", .. rule]).ExitCode);
        try
        {
            var hops = TraceJson(TraceChainLab.TargetV4).GetProperty("hops").EnumerateArray().ToList();

            Assert.Equal(["none", "rate_limited", "none", "none"], hops.Select(h => h.GetProperty("loss_kind").GetString()));
            Assert.InRange(hops[1].GetProperty("loss_pct").GetDouble(), 1, 99);
            Assert.Equal(0, hops[3].GetProperty("loss_pct").GetDouble());
        }
        finally
        {
            router.Exec("iptables", ["-D", .. rule]);
        }
    }

    [SkippableFact]
    public void A_router_dropping_a_share_of_what_it_forwards_reads_real_from_the_next_hop_to_the_target()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var router = lab.Router(2);

        // Only toward the target: router 2 still answers TTL 2 itself, hops 3 and 4 lose a share of their probes.
        string[] rule = ["FORWARD", "-o", "right3", "-m", "statistic", "--mode", "random", "--probability", "0.3", "-j", "DROP"];
        Assert.Equal(0, router.Exec("iptables", ["-A", .. rule]).ExitCode);
        try
        {
            var hops = TraceJson(TraceChainLab.TargetV4).GetProperty("hops").EnumerateArray().ToList();

            Assert.Equal(["none", "none", "real", "real"], hops.Select(h => h.GetProperty("loss_kind").GetString()));
            Assert.InRange(hops[3].GetProperty("loss_pct").GetDouble(), 1, 99);
        }
        finally
        {
            router.Exec("iptables", ["-D", .. rule]);
        }
    }

    [SkippableFact]
    public void Icmp_probes_without_raw_sockets_use_datagram_sockets_and_name_every_router_when_ping_group_range_allows_them()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        lab.AllowIcmpDatagramSockets(true);
        try
        {
            foreach (var target in new[] { TraceChainLab.TargetV4, TraceChainLab.TargetV6 })
            {
                var trace = TraceRuns.NobodyJson(lab, target, ["--icmp", .. Rounds]);

                Assert.Equal("icmp_datagram", TraceRuns.Mechanism(trace));
                Assert.Equal(TraceChainLab.Path(target), TraceRuns.HopAddresses(trace));
                Assert.All(TraceRuns.LossKinds(trace), kind => Assert.Equal("none", kind));
            }
        }
        finally
        {
            lab.AllowIcmpDatagramSockets(false);
        }
    }

    [SkippableFact]
    public void Icmp_probes_without_raw_sockets_where_ping_group_range_forbids_datagram_ones_exit_3_with_the_fix()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var run = lab.AsNobody(NativeBinary.Path, "trace", "-n", "--icmp", TraceChainLab.TargetV4, "--count", "1");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("ping_group_range", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("--tcp", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Stdout);
    }

    [SkippableFact]
    public void Two_traces_at_once_each_see_only_their_own_replies()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var traces = Enumerable.Range(0, 2).Select(_ => Task.Run(() => TraceJson(TraceChainLab.TargetV4))).ToArray();
        Task.WaitAll(traces, TimeSpan.FromMinutes(2));

        foreach (var trace in traces.Select(t => t.Result))
        {
            Assert.Equal([TraceChainLab.HopV4(1), TraceChainLab.HopV4(2), TraceChainLab.HopV4(3), TraceChainLab.TargetV4], HopAddresses(trace));
            Assert.All(trace.GetProperty("hops").EnumerateArray(), h => Assert.Equal((30, 30), (h.GetProperty("sent").GetInt32(), h.GetProperty("received").GetInt32())));
        }
    }

    [SkippableFact]
    public void The_report_has_mtrs_header_and_one_row_per_hop_in_mtrs_columns()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var run = NetLensRunner.Run(["--netns", lab.Source.Name, "trace", "--report", "-n", TraceChainLab.TargetV4, "--count", "3", "--interval", "0"]);

        var lines = run.Stdout.TrimEnd('\n').Split('\n');
        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^Start: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}$", lines[0]);
        Assert.Equal(("HOST: " + Environment.MachineName).PadRight(33)[..33] + " Loss%   Snt   Last   Avg  Best  Wrst StDev", lines[1]);
        Assert.Equal(6, lines.Length);
        Assert.Matches(@"^  1\.\|-- 198\.18\.1\.2 {15}  0\.0%     3 ( +\d+\.\d){5}$", lines[2]);
        Assert.StartsWith("  4.|-- 198.18.4.2 ", lines[5], StringComparison.Ordinal);
    }
}
