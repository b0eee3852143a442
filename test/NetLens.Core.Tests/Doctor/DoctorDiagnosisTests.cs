using System.Net;
using NetLens.Core.Doctor;
using NetLens.Core.Probing;

namespace NetLens.Core.Tests.Doctor;

/// <summary>The diagnosis from facts alone: which step is the cause, and what fix it proposes.</summary>
public class DoctorDiagnosisTests
{
    private static readonly IPAddress Destination = IPAddress.Parse("198.18.61.2");
    private static readonly IPAddress Source = IPAddress.Parse("198.18.60.2");
    private static readonly IPAddress Router = IPAddress.Parse("198.18.60.1");

    private static readonly RouteFact GoodRoute = new(0, null, Source, "eth0", "veth", Router, "default table main", "32766: lookup main");
    private static readonly FirewallFact Accepted = new(true, null, null, "accepted");
    private static readonly PathFact SilentAfterRouter = new([new PathHop(1, Router, 0, false), new PathHop(2, null, 100, false)], false, ProbeMechanism.RawSocket);

    private static DoctorFacts Facts(int? port = 8080) => new()
    {
        Spec = new DoctorTargetSpec(Destination.ToString(), port, port is null ? DoctorProtocol.Icmp : DoctorProtocol.Tcp),
        Address = Destination,
        Route = GoodRoute,
        LocalOutput = Accepted,
        Neighbour = new NeighbourFact(Router, "eth0", "REACHABLE"),
        Drops = [],
    };

    [Fact]
    public void An_open_port_is_reachable_with_no_fixes()
    {
        var report = DoctorDiagnosis.Diagnose(Facts() with { Probe = new ProbeFact("open", "syn-ack", null, 1, "connect", false) });

        Assert.Equal(DoctorVerdict.Reachable, report.Verdict);
        Assert.Equal(CauseKind.None, report.Cause.Kind);
        Assert.Empty(report.Fixes);
        Assert.All(report.Steps, s => Assert.Equal(StepStatus.Ok, s.Status));
    }

    [Fact]
    public void A_name_that_does_not_resolve_is_a_dns_failure_and_nothing_else_is_looked_at()
    {
        var report = DoctorDiagnosis.Diagnose(new DoctorFacts { Spec = new DoctorTargetSpec("db", 5432, DoctorProtocol.Tcp), ResolveError = "cannot resolve 'db'" });

        Assert.Equal(CauseKind.DnsFailure, report.Cause.Kind);
        Assert.Equal(["resolve"], report.Steps.Select(s => s.Kind));
    }

    [Theory]
    [InlineData(101, CauseKind.NoRoute)]
    [InlineData(113, CauseKind.RejectRoute)]
    [InlineData(13, CauseKind.RejectRoute)]
    [InlineData(22, CauseKind.RejectRoute)]
    public void A_refused_lookup_is_told_by_its_errno(int errno, CauseKind kind)
    {
        var report = DoctorDiagnosis.Diagnose(Facts() with { Route = new RouteFact(errno, "refused", null, null, null, null, "198.18.61.0/24 prohibit table main", null) });

        Assert.Equal(kind, report.Cause.Kind);
        Assert.Equal(DoctorVerdict.Blocked, report.Verdict);
    }

    [Fact]
    public void A_dropping_output_rule_is_the_local_firewall_and_the_fix_opens_output_to_the_destination()
    {
        var report = DoctorDiagnosis.Diagnose(Facts() with
        {
            LocalOutput = new FirewallFact(false, "nftables inet f output rule 1", null, "dropped"),
            Probe = new ProbeFact("filtered", "no-response", null, 2000, "connect", false),
            Path = SilentAfterRouter,
        });

        Assert.Equal(CauseKind.LocalFirewall, report.Cause.Kind);
        Assert.Equal("nftables inet f output rule 1", report.Cause.Rule);
        Assert.Equal(new DoctorFix(FixHost.Local, "8080/tcp", "out", Destination), Assert.Single(report.Fixes));
    }

    [Fact]
    public void The_far_sides_rule_goes_before_the_paths_silence()
    {
        var report = DoctorDiagnosis.Diagnose(Facts() with
        {
            Probe = new ProbeFact("filtered", "no-response", null, 2000, "connect", false),
            Path = SilentAfterRouter,
            Peer = new PeerFacts("b", new FirewallFact(false, "nftables inet f input policy drop", null, "dropped"), null, null, null),
        });

        Assert.Equal(CauseKind.PeerFirewall, report.Cause.Kind);
        Assert.Equal(CauseLocation.Peer, report.Cause.Where);
        Assert.Equal(new DoctorFix(FixHost.Peer, "8080/tcp", "in", Source), Assert.Single(report.Fixes));
    }

    [Fact]
    public void Without_the_far_side_silence_after_a_router_is_a_filtered_path_at_the_next_hop()
    {
        var report = DoctorDiagnosis.Diagnose(Facts() with { Probe = new ProbeFact("filtered", "no-response", null, 2000, "connect", false), Path = SilentAfterRouter });

        Assert.Equal(CauseKind.PathFiltered, report.Cause.Kind);
        Assert.Equal(2, report.Cause.Hop);
    }

    [Fact]
    public void Echo_requests_unanswered_past_a_router_are_icmp_blocked()
    {
        var report = DoctorDiagnosis.Diagnose(Facts(port: null) with { Probe = new ProbeFact("silent", "no-response", null, 0, string.Empty, false), Path = SilentAfterRouter });

        Assert.Equal(CauseKind.IcmpBlocked, report.Cause.Kind);
        Assert.Equal(2, report.Cause.Hop);

        // nobody's rule is known to drop them: no opening is guessed at
        Assert.Empty(report.Fixes);
    }

    [Fact]
    public void A_reset_from_the_destination_is_no_listener_and_a_listener_elsewhere_is_named_instead()
    {
        var refused = Facts() with { Probe = new ProbeFact("closed", "conn-refused", null, 1, "connect", false) };
        var elsewhere = refused with
        {
            Peer = new PeerFacts("b", Accepted, new ListenerFact([new IPEndPoint(IPAddress.Loopback, 8080)], "app (pid 7)"), null, null),
        };

        Assert.Equal(CauseKind.NoListener, DoctorDiagnosis.Diagnose(refused).Cause.Kind);
        var named = DoctorDiagnosis.Diagnose(elsewhere);
        Assert.Equal(CauseKind.ListenerAddress, named.Cause.Kind);
        Assert.Contains("127.0.0.1:8080, not on 198.18.61.2", named.Cause.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_neighbour_comes_before_the_unreachable_it_causes()
    {
        var report = DoctorDiagnosis.Diagnose(Facts() with
        {
            Neighbour = new NeighbourFact(Router, "eth0", "FAILED"),
            Probe = new ProbeFact("filtered", "host-unreach", null, 3000, "connect", false),
        });

        Assert.Equal(CauseKind.NeighbourFailed, report.Cause.Kind);
        Assert.Equal(1, report.Cause.Hop);
    }

    [Fact]
    public void Strict_rp_filter_with_the_way_back_by_another_device_is_the_cause()
    {
        var report = DoctorDiagnosis.Diagnose(Facts() with
        {
            Probe = new ProbeFact("filtered", "no-response", null, 2000, "connect", false),
            Path = SilentAfterRouter,
            Peer = new PeerFacts("b", Accepted, new ListenerFact([new IPEndPoint(IPAddress.Any, 8080)], null),
                new RouteFact(0, null, Destination, "eth1", null, null, null, null), new RpFilterFact(1, "eth0", "eth1")),
        });

        Assert.Equal(CauseKind.RpFilter, report.Cause.Kind);
        Assert.Contains(report.Steps, s => s is { Kind: "peer_listener", Status: StepStatus.Ok });
    }

    [Fact]
    public void Loose_rp_filter_drops_nothing()
    {
        Assert.False(new RpFilterFact(2, "eth0", "eth1").Drops);
        Assert.False(new RpFilterFact(1, "eth0", "eth0").Drops);
        Assert.True(new RpFilterFact(1, "eth0", "eth1").Drops);
    }

    [Fact]
    public void Loss_at_the_answering_destination_is_degraded()
    {
        var lossy = new PathFact([new PathHop(1, Router, 0, false), new PathHop(2, Destination, 40, true)], true, ProbeMechanism.RawSocket);
        var report = DoctorDiagnosis.Diagnose(Facts(port: null) with { Probe = new ProbeFact("reply", "echo-reply", null, 0, string.Empty, false), Path = lossy });

        Assert.Equal(DoctorVerdict.Degraded, report.Verdict);
        Assert.Contains(report.Steps, s => s is { Kind: "path", Status: StepStatus.Warn });
    }

    [Fact]
    public void Steps_not_gathered_are_skipped_with_their_reason()
    {
        var report = DoctorDiagnosis.Diagnose(Facts() with
        {
            Probe = new ProbeFact("open", "syn-ack", null, 1, "connect", false),
            Drops = null,
            Notes = new Dictionary<string, string> { ["kernel_drops"] = "tracefs is not mounted" },
        });

        Assert.Contains(new DoctorStep("kernel_drops", StepStatus.Skipped, "tracefs is not mounted"), report.Steps);
    }

    [Fact]
    public void A_missing_listener_does_not_explain_silence_a_router_made()
    {
        var report = DoctorDiagnosis.Diagnose(Facts() with
        {
            Probe = new ProbeFact("filtered", "no-response", null, 2000, "connect", false),
            Path = SilentAfterRouter,
            Peer = new PeerFacts("b", Accepted, new ListenerFact([], null), null, null),
        });

        Assert.Equal(CauseKind.PathFiltered, report.Cause.Kind);
        Assert.Contains(report.Steps, s => s is { Kind: "peer_listener", Status: StepStatus.Drop });
    }
}
