using System.Net;
using NetLens.Core.Doctor;
using NetLens.Core.Probing;

namespace NetLens.Core.Tests.Doctor;

/// <summary>forwarding_disabled from facts alone: the --iif device's sysctl on this host, and ip_error's drop reason on the way.</summary>
public class ForwardingDiagnosisTests
{
    private static readonly IPAddress Destination = IPAddress.Parse("198.18.61.2");
    private static readonly IPAddress Source = IPAddress.Parse("198.18.60.2");
    private static readonly IPAddress Router = IPAddress.Parse("198.18.60.1");

    private static readonly PathFact NothingAnswers = new([new PathHop(1, null, 100, false), new PathHop(2, null, 100, false)], false, ProbeMechanism.RawSocket);
    private static readonly ProbeFact Silence = new("filtered", "no-response", null, 1000, "connect", false);

    private static DoctorFacts Facts(IReadOnlyList<KernelDrop> drops, PathFact? path = null) => new()
    {
        Spec = new DoctorTargetSpec(Destination.ToString(), 8080, DoctorProtocol.Tcp),
        Address = Destination,
        Route = new RouteFact(0, null, Source, "eth0", "veth", Router, "default table main", "32766: lookup main"),
        LocalOutput = new FirewallFact(true, null, null, "accepted"),
        Neighbour = new NeighbourFact(Router, "eth0", "REACHABLE"),
        Probe = Silence,
        Path = path ?? NothingAnswers,
        Drops = drops,
    };

    [Fact]
    public void A_silent_gateway_with_ip_errors_drops_is_forwarding_disabled_at_hop_1()
    {
        var report = DoctorDiagnosis.Diagnose(Facts([new KernelDrop("IP_INADDRERRORS", "ip_error", 6)]));

        Assert.Equal(DoctorVerdict.Blocked, report.Verdict);
        Assert.Equal(CauseKind.ForwardingDisabled, report.Cause.Kind);
        Assert.Equal(CauseLocation.Path, report.Cause.Where);
        Assert.Equal(1, report.Cause.Hop);
        Assert.Equal(
            "hop 1 (198.18.60.1, the gateway) sends no ICMP, not even time-exceeded; the kernel dropped 6 packets with IP_INADDRERRORS in ip_error, "
            + "as a router with forwarding off does (a host-wide tracepoint: the reason, not the namespace)",
            report.Cause.Evidence);
        Assert.Equal(StepStatus.Drop, Assert.Single(report.Steps, s => s.Kind == "forwarding").Status);
    }

    [Fact]
    public void A_router_further_on_is_named_after_the_last_hop_that_answered()
    {
        var path = new PathFact([new PathHop(1, Router, 0, false), new PathHop(2, null, 100, false)], false, ProbeMechanism.RawSocket);

        var report = DoctorDiagnosis.Diagnose(Facts([new KernelDrop("IP_INADDRERRORS", "ip_error", 1)], path));

        Assert.Equal(CauseKind.ForwardingDisabled, report.Cause.Kind);
        Assert.Equal(2, report.Cause.Hop);
        Assert.StartsWith("hop 2 (the router after 198.18.60.1) sends no ICMP", report.Cause.Evidence, StringComparison.Ordinal);
        Assert.Contains("dropped 1 packet with", report.Cause.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_drop_reason_the_same_silence_stays_a_filtered_path()
    {
        var report = DoctorDiagnosis.Diagnose(Facts([new KernelDrop("NETFILTER_DROP", "nf_hook_slow", 3)]));

        Assert.Equal(CauseKind.PathFiltered, report.Cause.Kind);
        Assert.DoesNotContain(report.Steps, s => s.Kind == "forwarding");
    }

    [Fact]
    public void The_same_reason_in_another_function_is_not_forwarding()
    {
        var report = DoctorDiagnosis.Diagnose(Facts([new KernelDrop("IP_INADDRERRORS", "ip_rcv_finish_core", 3)]));

        Assert.Equal(CauseKind.PathFiltered, report.Cause.Kind);
    }

    [Fact]
    public void A_reached_destination_is_not_blamed_on_forwarding_whatever_else_the_host_dropped()
    {
        var reached = new PathFact([new PathHop(1, Router, 0, false), new PathHop(2, Destination, 0, true)], true, ProbeMechanism.RawSocket);
        var facts = Facts([new KernelDrop("IP_INADDRERRORS", "ip_error", 3)], reached) with { Probe = new ProbeFact("open", "syn-ack", null, 1, "connect", false) };

        var report = DoctorDiagnosis.Diagnose(facts);

        Assert.Equal(DoctorVerdict.Reachable, report.Verdict);
        Assert.DoesNotContain(report.Steps, s => s.Kind == "forwarding");
    }

    [Fact]
    public void The_iif_devices_forwarding_off_replaces_the_lookups_no_route_to_host()
    {
        var facts = new DoctorFacts
        {
            Spec = new DoctorTargetSpec(Destination.ToString(), 8080, DoctorProtocol.Tcp),
            Address = Destination,
            Route = new RouteFact(113, "No route to host", null, null, null, null, null, null),
            Forwarding = new ForwardingFact("dr0", "net.ipv4.conf.dr0.forwarding", false),
        };

        var report = DoctorDiagnosis.Diagnose(facts);

        Assert.Equal(CauseKind.ForwardingDisabled, report.Cause.Kind);
        Assert.Equal(CauseLocation.Local, report.Cause.Where);
        Assert.Equal("net.ipv4.conf.dr0.forwarding", report.Cause.Rule);
        Assert.Equal("forwarding is off on dr0 (net.ipv4.conf.dr0.forwarding = 0): the kernel routes no packet that arrives there", report.Cause.Evidence);
        Assert.Equal(["resolve", "route", "forwarding"], report.Steps.Select(s => s.Kind));
    }

    [Fact]
    public void An_iif_device_that_forwards_is_an_ok_step_and_leaves_the_routes_cause()
    {
        var facts = new DoctorFacts
        {
            Spec = new DoctorTargetSpec(Destination.ToString(), 8080, DoctorProtocol.Tcp),
            Address = Destination,
            Route = new RouteFact(113, "No route to host", null, null, null, null, "198.18.61.0/24 unreachable table main", null),
            Forwarding = new ForwardingFact("dr0", "net.ipv4.conf.dr0.forwarding", true),
        };

        var report = DoctorDiagnosis.Diagnose(facts);

        Assert.Equal(CauseKind.RejectRoute, report.Cause.Kind);
        Assert.Equal(new DoctorStep("forwarding", StepStatus.Ok, "dr0 forwards (net.ipv4.conf.dr0.forwarding = 1)"), Assert.Single(report.Steps, s => s.Kind == "forwarding"));
    }
}
