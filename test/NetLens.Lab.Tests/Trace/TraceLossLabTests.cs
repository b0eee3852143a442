namespace NetLens.Lab.Tests.Trace;

/// <summary>
/// Loss injected with the statistic match on router 2, a few hundred probes per hop, every protocol over raw sockets
/// (UDP over its error queue), both families: the measured share lands within 10 points of the injected one, at the
/// hops it must, and the reading (rate limiting or real loss) is right at every hop.
/// </summary>
public class TraceLossLabTests(TraceChainLab lab) : IClassFixture<TraceChainLab>
{
    private const double Injected = 30;
    private const double Tolerance = 10;

    // 300 rounds 10 ms apart; a lost probe waits half a second, while later rounds go on.
    private static readonly string[] Rounds = ["--count", "300", "--interval", "0.01", "--timeout", "0.5"];

    public static TheoryData<string, string> Paths => new()
    {
        { TraceChainLab.TargetV4, "--udp" },
        { TraceChainLab.TargetV4, "--icmp" },
        { TraceChainLab.TargetV4, "--tcp" },
        { TraceChainLab.TargetV6, "--udp" },
        { TraceChainLab.TargetV6, "--icmp" },
        { TraceChainLab.TargetV6, "--tcp" },
    };

    [SkippableTheory]
    [MemberData(nameof(Paths))]
    public void Router_2_dropping_a_share_of_its_time_exceeded_reads_rate_limited_there_and_no_loss_elsewhere(string target, string protocol)
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var ipv6 = target.Contains(':', StringComparison.Ordinal);
        string[] rule = ipv6
            ? ["OUTPUT", "-p", "icmpv6", "--icmpv6-type", "time-exceeded", .. Statistic()]
            : ["OUTPUT", "-p", "icmp", "--icmp-type", "time-exceeded", .. Statistic()];

        var trace = WithRule(ipv6, rule, () => TraceRuns.Json(lab, target, [protocol, .. Rounds]));

        Assert.Equal(TraceChainLab.Path(target), TraceRuns.HopAddresses(trace));
        Assert.Equal(["none", "rate_limited", "none", "none"], TraceRuns.LossKinds(trace));
        var loss = TraceRuns.LossPercents(trace);
        Assert.InRange(loss[1], Injected - Tolerance, Injected + Tolerance);
        Assert.Equal([0.0, 0.0, 0.0], [loss[0], loss[2], loss[3]]);
        Assert.All(TraceRuns.Hops(trace), h => Assert.Equal(300, h.GetProperty("sent").GetInt32()));
    }

    [SkippableTheory]
    [MemberData(nameof(Paths))]
    public void Router_2_dropping_a_share_of_what_it_forwards_reads_real_loss_from_hop_3_to_the_target(string target, string protocol)
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var ipv6 = target.Contains(':', StringComparison.Ordinal);

        // Only toward the target: router 2 still answers TTL 2 itself, and replies coming back are not touched.
        string[] rule = ["FORWARD", "-o", "right3", .. Statistic()];

        var trace = WithRule(ipv6, rule, () => TraceRuns.Json(lab, target, [protocol, .. Rounds]));

        Assert.Equal(TraceChainLab.Path(target), TraceRuns.HopAddresses(trace));
        Assert.Equal(["none", "none", "real", "real"], TraceRuns.LossKinds(trace));
        var loss = TraceRuns.LossPercents(trace);
        Assert.Equal([0.0, 0.0], [loss[0], loss[1]]);
        Assert.InRange(loss[2], Injected - Tolerance, Injected + Tolerance);
        Assert.InRange(loss[3], Injected - Tolerance, Injected + Tolerance);
    }

    private static string[] Statistic() =>
        ["-m", "statistic", "--mode", "random", "--probability", (Injected / 100).ToString(System.Globalization.CultureInfo.InvariantCulture), "-j", "DROP"];

    private T WithRule<T>(bool ipv6, string[] rule, Func<T> run)
    {
        var router = lab.Router(2);
        var tool = ipv6 ? "ip6tables" : "iptables";
        var added = router.Exec(tool, ["-A", .. rule]);
        Assert.True(added.ExitCode == 0, added.Stderr);
        try
        {
            return run();
        }
        finally
        {
            router.Exec(tool, ["-D", .. rule]);
        }
    }
}
