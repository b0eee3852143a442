using System.Net;
using NetLens.Core.Doctor;
using NetLens.Core.Probing;

namespace NetLens.Core.Tests.Doctor;

/// <summary>conntrack_full from facts alone: a full table on this host or on the far side, and tables that are not full.</summary>
public class ConntrackDiagnosisTests
{
    private static readonly IPAddress Destination = IPAddress.Parse("198.18.61.2");
    private static readonly IPAddress Router = IPAddress.Parse("198.18.60.1");

    private static readonly PathFact SilentAfterRouter = new([new PathHop(1, Router, 0, false), new PathHop(2, null, 100, false)], false, ProbeMechanism.RawSocket);

    private static DoctorFacts Facts(ProbeFact probe, params ConntrackFact[] tables) => new()
    {
        Spec = new DoctorTargetSpec(Destination.ToString(), 8080, DoctorProtocol.Tcp),
        Address = Destination,
        Route = new RouteFact(0, null, IPAddress.Parse("198.18.60.2"), "eth0", "veth", Router, "default table main", "32766: lookup main"),
        LocalOutput = new FirewallFact(true, null, null, "accepted"),
        Neighbour = new NeighbourFact(Router, "eth0", "REACHABLE"),
        Probe = probe,
        Drops = [],
        Conntrack = tables,
    };

    private static readonly ProbeFact Silence = new("filtered", "no-response", null, 1000, "connect", false);
    private static readonly ProbeFact Refused = new("filtered", "local-firewall", null, 0, "connect", true);
    private static readonly ProbeFact Open = new("open", "syn-ack", null, 1, "connect", false);

    [Fact]
    public void A_full_table_on_the_far_side_is_conntrack_full_before_the_paths_silence()
    {
        var facts = Facts(Silence, new ConntrackFact("srv", CauseLocation.Peer, 8, 8)) with { Path = SilentAfterRouter };

        var report = DoctorDiagnosis.Diagnose(facts);

        Assert.Equal(DoctorVerdict.Blocked, report.Verdict);
        Assert.Equal(CauseKind.ConntrackFull, report.Cause.Kind);
        Assert.Equal(CauseLocation.Peer, report.Cause.Where);
        Assert.Equal("net.netfilter.nf_conntrack_max = 8", report.Cause.Rule);
        Assert.Equal("srv: nf_conntrack_count 8 of nf_conntrack_max 8: the table is full, and a packet that needs a new entry is dropped (NETFILTER_DROP)", report.Cause.Evidence);
    }

    [Fact]
    public void A_full_table_here_explains_the_sends_EPERM_when_the_output_ruleset_accepted_it()
    {
        var report = DoctorDiagnosis.Diagnose(Facts(Refused, new ConntrackFact("this host", CauseLocation.Local, 100, 100)));

        Assert.Equal(CauseKind.ConntrackFull, report.Cause.Kind);
        Assert.Equal(CauseLocation.Local, report.Cause.Where);
        Assert.Empty(report.Fixes);
    }

    [Fact]
    public void A_full_table_here_comes_before_an_output_rule_that_drops_whose_fix_stays()
    {
        var facts = Facts(Refused, new ConntrackFact("this host", CauseLocation.Local, 100, 100)) with
        {
            LocalOutput = new FirewallFact(false, "nftables inet t output rule 1 (handle 2)", null, "dropped"),
        };

        var report = DoctorDiagnosis.Diagnose(facts);

        // conntrack's hook runs before the filter's; the rule still needs its opening once the table has room
        Assert.Equal(CauseKind.ConntrackFull, report.Cause.Kind);
        Assert.Contains(report.Fixes, f => f.On == FixHost.Local);
    }

    [Fact]
    public void A_table_that_is_not_full_is_an_ok_step_and_not_a_cause()
    {
        var facts = Facts(Silence, new ConntrackFact("srv", CauseLocation.Peer, 3, 262144)) with { Path = SilentAfterRouter };

        var report = DoctorDiagnosis.Diagnose(facts);

        Assert.Equal(CauseKind.PathFiltered, report.Cause.Kind);
        Assert.Equal(new DoctorStep("conntrack", StepStatus.Ok, "srv: nf_conntrack_count 3 of nf_conntrack_max 262144"), Assert.Single(report.Steps, s => s.Kind == "conntrack"));
    }

    [Fact]
    public void A_nearly_full_table_warns()
    {
        var report = DoctorDiagnosis.Diagnose(Facts(Open, new ConntrackFact("this host", CauseLocation.Local, 95, 100)));

        Assert.Equal(DoctorVerdict.Reachable, report.Verdict);
        Assert.Equal(StepStatus.Warn, Assert.Single(report.Steps, s => s.Kind == "conntrack").Status);
    }

    [Fact]
    public void A_namespace_that_tracks_nothing_says_nothing()
    {
        var report = DoctorDiagnosis.Diagnose(Facts(Open, new ConntrackFact("this host", CauseLocation.Local, 0, 262144)));

        Assert.DoesNotContain(report.Steps, s => s.Kind == "conntrack");
    }

    [Fact]
    public void A_full_table_that_the_probe_got_through_anyway_warns_but_is_not_the_cause()
    {
        var report = DoctorDiagnosis.Diagnose(Facts(Open, new ConntrackFact("srv", CauseLocation.Peer, 8, 8)));

        Assert.Equal(DoctorVerdict.Reachable, report.Verdict);
        Assert.Equal(StepStatus.Warn, Assert.Single(report.Steps, s => s.Kind == "conntrack").Status);
    }
}
