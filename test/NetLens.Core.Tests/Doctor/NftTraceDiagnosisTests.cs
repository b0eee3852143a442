using System.Net;
using NetLens.Core.Doctor;
using NetLens.Core.Probing;

namespace NetLens.Core.Tests.Doctor;

/// <summary>The nftables trace from facts alone: a traced drop names the firewall cause's rule, or is the cause; an accept or no event is a step only.</summary>
public class NftTraceDiagnosisTests
{
    private static readonly IPAddress Destination = IPAddress.Parse("198.18.61.2");
    private static readonly IPAddress Router = IPAddress.Parse("198.18.60.1");
    private static readonly ProbeFact Silence = new("filtered", "no-response", null, 1000, "connect", false);
    private static readonly ProbeFact Refused = new("filtered", "local-firewall", null, 0, "connect", true);
    private static readonly ProbeFact Open = new("open", "syn-ack", null, 1, "connect", false);
    private static readonly PathFact SilentAfterRouter = new([new PathHop(1, Router, 0, false), new PathHop(2, null, 100, false)], false, ProbeMechanism.RawSocket);

    private static readonly NftTraceDecision RuleDrop = new("inet dkout", "output", 2, "tcp dport 8080 drop", "drop");

    private static DoctorFacts Facts(ProbeFact probe, FirewallFact output, params NftTraceFact[] traces) => new()
    {
        Spec = new DoctorTargetSpec(Destination.ToString(), 8080, DoctorProtocol.Tcp),
        Address = Destination,
        Route = new RouteFact(0, null, IPAddress.Parse("198.18.60.2"), "eth0", "veth", Router, "default table main", "32766: lookup main"),
        LocalOutput = output,
        Neighbour = new NeighbourFact(Router, "eth0", "REACHABLE"),
        Probe = probe,
        Drops = [],
        NftTrace = traces,
    };

    [Fact]
    public void A_traced_local_drop_names_the_rule_by_table_chain_handle_and_text()
    {
        var facts = Facts(Refused, new FirewallFact(false, "nftables inet dkout output rule 1 (handle 2)", null, "dropped"), new NftTraceFact(CauseLocation.Local, "this host", RuleDrop, null));

        var report = DoctorDiagnosis.Diagnose(facts);

        Assert.Equal(CauseKind.LocalFirewall, report.Cause.Kind);
        Assert.Equal("inet dkout/output rule handle 2: tcp dport 8080 drop (verdict drop)", report.Cause.Rule);
        var step = Assert.Single(report.Steps, s => s.Kind == "nftables_trace");
        Assert.Equal(StepStatus.Drop, step.Status);
        Assert.Equal("this host: drop by inet dkout/output rule handle 2: tcp dport 8080 drop (verdict drop)", step.Detail);
        Assert.EndsWith("; traced: inet dkout/output rule handle 2: tcp dport 8080 drop (verdict drop)", report.Steps.Single(s => s.Kind == "local_firewall").Detail, StringComparison.Ordinal);
        Assert.Single(report.Fixes);
    }

    [Fact]
    public void A_traced_peer_policy_drop_missed_by_the_evaluation_is_the_cause_before_the_paths_silence()
    {
        var policy = new NftTraceDecision("ip filter", "INPUT", null, null, "drop");
        var facts = Facts(Silence, new FirewallFact(true, null, null, "accepted"), new NftTraceFact(CauseLocation.Peer, "srv", policy, null)) with { Path = SilentAfterRouter };

        var report = DoctorDiagnosis.Diagnose(facts);

        Assert.Equal(CauseKind.PeerFirewall, report.Cause.Kind);
        Assert.Equal(CauseLocation.Peer, report.Cause.Where);
        Assert.Equal("ip filter/INPUT policy drop", report.Cause.Rule);
        Assert.Equal("input drop by ip filter/INPUT policy drop (nftables trace)", report.Cause.Evidence);
    }

    [Fact]
    public void An_accept_a_namespace_without_events_and_one_where_nothing_filters_are_steps_only()
    {
        var accepted = new NftTraceDecision("inet fw", "input", null, null, "accept");
        var facts = Facts(Open, new FirewallFact(true, null, null, "accepted"),
            new NftTraceFact(CauseLocation.Local, "this host", null, "no traced packet reached this namespace's hooks"),
            new NftTraceFact(CauseLocation.Peer, "srv", accepted, null),
            new NftTraceFact(CauseLocation.Peer, "srv2", null, "no nftables chain but netlens's own saw the probe: nothing filters it here") { Seen = true });

        var report = DoctorDiagnosis.Diagnose(facts);

        Assert.Equal(DoctorVerdict.Reachable, report.Verdict);
        var steps = report.Steps.Where(s => s.Kind == "nftables_trace").ToList();
        Assert.Equal([StepStatus.Unknown, StepStatus.Ok, StepStatus.Ok], steps.Select(s => s.Status));
        Assert.Equal("srv: accept by inet fw/input policy accept", steps[1].Detail);
    }

    [Fact]
    public void A_trace_that_could_not_run_is_a_skipped_step_that_says_why()
    {
        var facts = Facts(Open, new FirewallFact(true, null, null, "accepted")) with
        {
            NftTrace = null,
            Notes = new Dictionary<string, string> { ["nftables_trace"] = "nftables trace unavailable: nft is not installed" },
        };

        var step = Assert.Single(DoctorDiagnosis.Diagnose(facts).Steps, s => s.Kind == "nftables_trace");

        Assert.Equal(StepStatus.Skipped, step.Status);
        Assert.Equal("nftables trace unavailable: nft is not installed", step.Detail);
    }
}
