namespace NetLens.Lab.Tests.Trace;

/// <summary>
/// Each mechanism over the four-hop chain, both families: raw ICMP and raw TCP SYN as root, UDP and TCP connect() as
/// nobody; every hop named exactly, the target reached, and two traces at once each counting only their own replies.
/// </summary>
public class TraceMechanismLabTests(TraceChainLab lab) : IClassFixture<TraceChainLab>
{
    private const int Count = 40;
    private static readonly string[] Rounds = ["--count", "40", "--interval", "0.01", "--timeout", "1"];
    private static readonly string ClosedPort = "81";

    public static TheoryData<string> Targets => new() { TraceChainLab.TargetV4, TraceChainLab.TargetV6 };

    [SkippableTheory]
    [MemberData(nameof(Targets))]
    public void Icmp_echo_over_a_raw_socket_names_every_hop_and_reaches_the_target(string target)
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var trace = TraceRuns.Json(lab, target, ["--icmp", .. Rounds]);

        AssertCleanPath(trace, target, "raw_socket", "icmp");
    }

    [SkippableTheory]
    [MemberData(nameof(Targets))]
    public void Tcp_syn_over_a_raw_socket_reaches_an_open_port_by_its_syn_ack_and_a_closed_one_by_its_reset(string target)
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        foreach (var port in new[] { TraceChainLab.OpenPort.ToString(System.Globalization.CultureInfo.InvariantCulture), ClosedPort })
        {
            var trace = TraceRuns.Json(lab, target, ["--tcp", "-p", port, .. Rounds]);

            AssertCleanPath(trace, target, "raw_socket", "tcp");
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Targets))]
    public void Udp_as_nobody_reads_the_error_queue_and_reaches_the_target(string target)
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var trace = TraceRuns.NobodyJson(lab, target, ["--udp", .. Rounds]);

        AssertCleanPath(trace, target, "udp_error_queue", "udp");
    }

    [SkippableTheory]
    [MemberData(nameof(Targets))]
    public void Tcp_as_nobody_connects_per_probe_and_reaches_the_open_port(string target)
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var trace = TraceRuns.NobodyJson(lab, target, ["--tcp", "-p", TraceChainLab.OpenPort.ToString(System.Globalization.CultureInfo.InvariantCulture), .. Rounds]);

        AssertCleanPath(trace, target, "tcp_connect", "tcp");
    }

    [SkippableTheory]
    [InlineData("--icmp")]
    [InlineData("--tcp")]
    public void Two_raw_traces_at_once_each_count_only_their_own_replies(string protocol)
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        // Both raw sockets see every reply of both traces: only the identifiers, tags and ports tell them apart.
        var traces = new[] { TraceChainLab.TargetV4, TraceChainLab.TargetV4, TraceChainLab.TargetV6 }
            .Select(target => (Target: target, Run: Task.Run(() => TraceRuns.Json(lab, target, [protocol, .. Rounds]))))
            .ToArray();
        Task.WaitAll([.. traces.Select(t => t.Run)], TimeSpan.FromMinutes(2));

        foreach (var (target, run) in traces)
        {
            AssertCleanPath(run.Result, target, "raw_socket", protocol.TrimStart('-'));
        }
    }

    [SkippableFact]
    public void Two_unprivileged_tcp_traces_at_once_each_count_only_their_own_answers()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var traces = Enumerable.Range(0, 2)
            .Select(_ => Task.Run(() => TraceRuns.NobodyJson(lab, TraceChainLab.TargetV4, ["--tcp", "-p", ClosedPort, .. Rounds])))
            .ToArray();
        Task.WaitAll(traces, TimeSpan.FromMinutes(2));

        Assert.All(traces, t => AssertCleanPath(t.Result, TraceChainLab.TargetV4, "tcp_connect", "tcp"));
    }

    /// <summary>Every hop exact, every probe answered once: a reply taken from another trace would break a count.</summary>
    private static void AssertCleanPath(System.Text.Json.JsonElement trace, string target, string mechanism, string protocol)
    {
        Assert.Equal((mechanism, protocol), (TraceRuns.Mechanism(trace), trace.GetProperty("protocol").GetString()));
        Assert.Equal(TraceChainLab.Path(target), TraceRuns.HopAddresses(trace));
        Assert.True(trace.GetProperty("destination_reached").GetBoolean());
        Assert.All(TraceRuns.Hops(trace), hop =>
            Assert.Equal((Count, Count, "none"), (hop.GetProperty("sent").GetInt32(), hop.GetProperty("received").GetInt32(), hop.GetProperty("loss_kind").GetString())));
    }
}
