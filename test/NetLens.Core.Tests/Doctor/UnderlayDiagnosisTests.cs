using System.Net;
using NetLens.Core.Doctor;
using NetLens.Core.Links;

namespace NetLens.Core.Tests.Doctor;

/// <summary>doctor's underlay steps from facts alone: a dead overlay over a blocked vxlan port is underlay_blocked, before the overlay's symptoms.</summary>
public class UnderlayDiagnosisTests
{
    private static readonly IPAddress Destination = IPAddress.Parse("198.18.71.2");
    private static readonly IPAddress Local = IPAddress.Parse("198.18.70.1");
    private static readonly IPAddress Remote = IPAddress.Parse("198.18.70.2");
    private static readonly Tunnel Vxlan = new("vxlan") { Id = 42, Local = Local, Remote = Remote, Port = 8472 };
    private static readonly FirewallFact Accepted = new(true, null, null, "accepted");

    private static readonly ProbeFact Silent = new("filtered", "no-response", null, 1000, "connect", false);
    private static readonly ProbeFact Open = new("open", "syn-ack", null, 1, "connect", false);

    private static UnderlayFacts Underlay(FirewallFact? output = null, FirewallFact? peer = null, bool remoteAnswers = true) => new("vxlan42", Vxlan)
    {
        Route = new RouteFact(0, null, Local, "ou0", "veth", null, "198.18.70.0/24 table main", "32766: lookup main"),
        LocalOutput = output ?? Accepted,
        Neighbour = new NeighbourFact(Remote, "ou0", "REACHABLE"),
        Remote = remoteAnswers ? new ProbeFact("reply", "echo-reply", null, 0.1, "RawSocket", false) : new ProbeFact("silent", "no-response", null, 1000, "RawSocket", false),
        PeerInput = peer,
        PeerNetns = peer is null ? null : "far",
    };

    private static DoctorFacts Facts(UnderlayFacts? underlay, ProbeFact probe, string overlayNeighbour = "FAILED", Dictionary<string, string>? notes = null) => new()
    {
        Spec = new DoctorTargetSpec(Destination.ToString(), 8080, DoctorProtocol.Tcp),
        Address = Destination,
        Route = new RouteFact(0, null, IPAddress.Parse("198.18.71.1"), "vxlan42", "vxlan", null, "198.18.71.0/24 table main", "32766: lookup main"),
        LocalOutput = Accepted,
        Neighbour = new NeighbourFact(Destination, "vxlan42", overlayNeighbour),
        Probe = probe,
        Path = probe.Answered ? null : new PathFact([new PathHop(1, null, 100, false)], false, NetLens.Core.Probing.ProbeMechanism.RawSocket),
        Underlay = underlay,
        Drops = [],
        Notes = notes ?? new Dictionary<string, string>(),
    };

    [Fact]
    public void The_peers_input_rule_on_the_tunnel_port_is_the_cause_before_the_overlays_failed_arp_and_the_fix_opens_it_there()
    {
        var drop = new FirewallFact(false, "nftables inet dovin input rule 1 (handle 2)", null, "dropped");

        var report = DoctorDiagnosis.Diagnose(Facts(Underlay(peer: drop), Silent));

        Assert.Equal(DoctorVerdict.Blocked, report.Verdict);
        Assert.Equal(CauseKind.UnderlayBlocked, report.Cause.Kind);
        Assert.Equal(CauseLocation.Underlay, report.Cause.Where);
        Assert.Equal("nftables inet dovin input rule 1 (handle 2)", report.Cause.Rule);
        Assert.Equal("udp/8472 to 198.18.70.2: input dropped by nftables inet dovin input rule 1 (handle 2)", report.Cause.Evidence);
        var step = Assert.Single(report.Steps, s => s.Kind == "underlay_peer_firewall");
        Assert.Equal(StepStatus.Drop, step.Status);
        Assert.Equal(new DoctorFix(FixHost.Peer, "8472/udp", "in", Local), Assert.Single(report.Fixes));
    }

    [Fact]
    public void This_hosts_output_rule_on_the_tunnel_port_is_the_cause_and_the_fix_opens_output_to_the_remote()
    {
        var drop = new FirewallFact(false, "nftables inet dovout output rule 1 (handle 2)", null, "dropped");

        var report = DoctorDiagnosis.Diagnose(Facts(Underlay(output: drop, peer: Accepted), Silent));

        Assert.Equal(CauseKind.UnderlayBlocked, report.Cause.Kind);
        Assert.Equal("nftables inet dovout output rule 1 (handle 2)", report.Cause.Rule);
        Assert.Equal(StepStatus.Drop, Assert.Single(report.Steps, s => s.Kind == "underlay_firewall").Status);
        Assert.Equal(StepStatus.Ok, Assert.Single(report.Steps, s => s.Kind == "underlay_peer_firewall").Status);
        Assert.Equal(new DoctorFix(FixHost.Local, "8472/udp", "out", Remote), Assert.Single(report.Fixes));
    }

    [Fact]
    public void Unread_far_side_with_arp_failing_through_the_tunnel_and_the_remote_answering_is_an_inferred_underlay_block_without_a_rule()
    {
        var report = DoctorDiagnosis.Diagnose(Facts(Underlay(), Silent));

        Assert.Equal(CauseKind.UnderlayBlocked, report.Cause.Kind);
        Assert.Null(report.Cause.Rule);
        Assert.StartsWith("ARP for 198.18.71.2 through vxlan42 gets no answer while the tunnel's remote 198.18.70.2 answers echo", report.Cause.Evidence);
        Assert.EndsWith("(give --peer-netns to name the far side's rule)", report.Cause.Evidence);
        Assert.Equal(StepStatus.Unknown, Assert.Single(report.Steps, s => s.Kind == "underlay_port").Status);
        Assert.Empty(report.Fixes);
    }

    [Fact]
    public void An_overlay_whose_arp_works_keeps_its_own_cause_when_the_underlay_is_clean()
    {
        var report = DoctorDiagnosis.Diagnose(Facts(Underlay(), Silent, overlayNeighbour: "REACHABLE"));

        Assert.Equal(CauseKind.PathFiltered, report.Cause.Kind);
        Assert.Equal(CauseLocation.Path, report.Cause.Where);
    }

    [Fact]
    public void A_silent_remote_is_the_underlay_cause_when_nothing_sharper_is_known()
    {
        var report = DoctorDiagnosis.Diagnose(Facts(Underlay(remoteAnswers: false), Silent));

        Assert.Equal(CauseKind.UnderlayBlocked, report.Cause.Kind);
        Assert.StartsWith("the tunnel's remote 198.18.70.2 does not answer echo (no-response)", report.Cause.Evidence);
        Assert.Equal(StepStatus.Drop, Assert.Single(report.Steps, s => s.Kind == "underlay_port").Status);
    }

    [Fact]
    public void A_missing_underlay_route_is_an_underlay_block_naming_the_lookups_error()
    {
        var underlay = Underlay() with { Route = new RouteFact(101, "Network is unreachable", null, null, null, null, null, null), LocalOutput = null, Neighbour = null, Remote = null };

        var report = DoctorDiagnosis.Diagnose(Facts(underlay, Silent));

        Assert.Equal(CauseKind.UnderlayBlocked, report.Cause.Kind);
        Assert.Equal("vxlan42 (vxlan 42 via 198.18.70.2:8472): no underlay route to 198.18.70.2: Network is unreachable", report.Cause.Evidence);
    }

    [Fact]
    public void A_reachable_overlay_shows_its_underlay_steps_ok_and_proposes_no_fix()
    {
        var report = DoctorDiagnosis.Diagnose(Facts(Underlay(peer: Accepted), Open, overlayNeighbour: "REACHABLE"));

        Assert.Equal(DoctorVerdict.Reachable, report.Verdict);
        Assert.Equal(
            ["underlay_route", "underlay_firewall", "underlay_neighbour", "underlay_port", "underlay_peer_firewall"],
            report.Steps.Where(s => s.Kind.StartsWith("underlay", StringComparison.Ordinal)).Select(s => s.Kind));
        Assert.All(report.Steps.Where(s => s.Kind.StartsWith("underlay", StringComparison.Ordinal)), s => Assert.Equal(StepStatus.Ok, s.Status));
        Assert.Equal("udp/8472 to 198.18.70.2 carries the overlay: the destination answered through vxlan42", Assert.Single(report.Steps, s => s.Kind == "underlay_port").Detail);
        Assert.Empty(report.Fixes);
    }

    [Fact]
    public void A_tunnel_kind_not_read_yet_is_a_skipped_underlay_step()
    {
        var notes = new Dictionary<string, string> { ["underlay"] = "wg0 is a wireguard tunnel: its underlay is not read yet (vxlan only)" };

        var report = DoctorDiagnosis.Diagnose(Facts(null, Open, overlayNeighbour: "REACHABLE", notes: notes));

        var step = Assert.Single(report.Steps, s => s.Kind == "underlay");
        Assert.Equal(StepStatus.Skipped, step.Status);
    }
}
