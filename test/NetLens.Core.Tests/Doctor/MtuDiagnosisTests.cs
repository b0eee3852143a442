using System.Net;
using NetLens.Core.Doctor;

namespace NetLens.Core.Tests.Doctor;

/// <summary>doctor's mtu step from MTU facts alone: a black hole, a path MTU told by frag-needed, a step that did not run.</summary>
public class MtuDiagnosisTests
{
    private static readonly IPAddress Destination = IPAddress.Parse("198.18.61.2");
    private static readonly IPAddress Router = IPAddress.Parse("198.18.60.1");

    private static DoctorFacts Facts(MtuFact? mtu) => new()
    {
        Spec = new DoctorTargetSpec(Destination.ToString(), 8080, DoctorProtocol.Tcp),
        Address = Destination,
        Route = new RouteFact(0, null, IPAddress.Parse("198.18.60.2"), "eth0", "veth", Router, "default table main", "32766: lookup main"),
        LocalOutput = new FirewallFact(true, null, null, "accepted"),
        Neighbour = new NeighbourFact(Router, "eth0", "REACHABLE"),
        Probe = new ProbeFact("open", "syn-ack", null, 1, "connect", false),
        Mtu = mtu,
        Drops = [],
    };

    [Fact]
    public void Big_DF_probes_that_vanish_without_frag_needed_are_an_mtu_black_hole_at_the_hop_they_reach()
    {
        var report = DoctorDiagnosis.Diagnose(Facts(new MtuFact(1500, 1400, 1500, null, null, null, 1)));

        var step = Assert.Single(report.Steps, s => s.Kind == "mtu");
        Assert.Equal(StepStatus.Drop, step.Status);
        Assert.Equal("1500-byte DF probes vanish after hop 1, 1400 pass; no ICMP frag-needed came back (path MTU 1400)", step.Detail);
        Assert.Equal(CauseKind.MtuBlackhole, report.Cause.Kind);
        Assert.Equal(CauseLocation.Path, report.Cause.Where);
        Assert.Equal(1, report.Cause.Hop);
        Assert.Equal(DoctorVerdict.Degraded, report.Verdict);
    }

    [Fact]
    public void A_frag_needed_tells_the_path_mtu_and_the_step_is_ok()
    {
        var report = DoctorDiagnosis.Diagnose(Facts(new MtuFact(1500, 1400, null, 1400, Router, 1400, 1)));

        var step = Assert.Single(report.Steps, s => s.Kind == "mtu");
        Assert.Equal(StepStatus.Ok, step.Status);
        Assert.Equal("path MTU 1400 (ICMP frag-needed from 198.18.60.1: next-hop MTU 1400; device MTU 1500)", step.Detail);
        Assert.Equal(DoctorVerdict.Reachable, report.Verdict);
        Assert.Equal(CauseKind.None, report.Cause.Kind);
    }

    [Fact]
    public void The_kernels_cached_pmtu_is_not_a_black_hole_even_when_big_probes_went_unanswered()
    {
        var report = DoctorDiagnosis.Diagnose(Facts(new MtuFact(1500, 1400, 1500, null, null, 1400, null)));

        var step = Assert.Single(report.Steps, s => s.Kind == "mtu");
        Assert.Equal(StepStatus.Ok, step.Status);
        Assert.StartsWith("path MTU 1400 (the kernel's cached path MTU", step.Detail);
    }

    [Fact]
    public void Full_size_probes_that_pass_give_the_device_mtu()
    {
        var report = DoctorDiagnosis.Diagnose(Facts(new MtuFact(1500, 1500, null, null, null, null, null)));

        Assert.Equal("path MTU 1500 (1500-byte DF probes pass; device MTU 1500)", Assert.Single(report.Steps, s => s.Kind == "mtu").Detail);
    }

    [Fact]
    public void No_DF_probe_answered_is_unknown_not_a_black_hole()
    {
        var report = DoctorDiagnosis.Diagnose(Facts(new MtuFact(1500, null, 576, null, null, null, null)));

        Assert.Equal(StepStatus.Unknown, Assert.Single(report.Steps, s => s.Kind == "mtu").Status);
        Assert.NotEqual(CauseKind.MtuBlackhole, report.Cause.Kind);
    }

    [Fact]
    public void A_step_that_did_not_run_is_skipped_with_its_reason_and_absent_without_one()
    {
        var skipped = DoctorDiagnosis.Diagnose(Facts(null) with { Notes = new Dictionary<string, string> { ["mtu"] = "needs root for DF probes" } });
        Assert.Equal(new DoctorStep("mtu", StepStatus.Skipped, "needs root for DF probes"), Assert.Single(skipped.Steps, s => s.Kind == "mtu"));

        Assert.DoesNotContain(DoctorDiagnosis.Diagnose(Facts(null)).Steps, s => s.Kind == "mtu");
    }
}
