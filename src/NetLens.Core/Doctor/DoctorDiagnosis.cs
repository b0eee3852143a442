using System.Globalization;
using System.Net;

namespace NetLens.Core.Doctor;

/// <summary>
/// Turns the gathered facts into doctor's step trace and verdict. The first step that stops the packet is the cause;
/// later steps still show what was seen (a peer's firewall and its missing listener are both worth knowing).
/// </summary>
public static class DoctorDiagnosis
{
    /// <summary>Loss at the destination above this, with the destination answering, is "degraded".</summary>
    public const double DegradedLossPercent = 20;

    public static DoctorReport Diagnose(DoctorFacts facts)
    {
        var target = new DoctorTarget(facts.Spec, facts.Address);
        var steps = new List<DoctorStep>();
        var causes = new List<DoctorCause>();
        var fixes = new List<DoctorFix>();

        Resolve(facts, steps, causes);
        Route(facts, steps, causes);
        LocalFirewall(facts, target, steps, causes, fixes);
        Neighbour(facts, steps, causes);
        Path(facts, steps, causes);
        ForwardingDiagnosis.Step(facts, steps, causes);
        MtuDiagnosis.Step(facts, steps, causes);
        Port(facts, target, steps, causes);
        Peer(facts, target, steps, causes, fixes);
        UnderlayDiagnosis.Steps(facts, steps, causes, fixes);
        ConntrackDiagnosis.Step(facts, steps, causes, fixes);
        NftTraceDiagnosis.Step(facts, steps, causes);
        Drops(facts, steps);

        var answered = facts.Probe?.Answered == true;
        var lossAtDestination = facts.Path?.Hops.LastOrDefault(h => h.Destination)?.LossPercent ?? 0;
        DoctorVerdict verdict;
        DoctorCause cause;
        if (answered && causes.FirstOrDefault(c => c.Kind == CauseKind.MtuBlackhole) is { } blackHole)
        {
            // The small probe got through; only big packets die, so the target is reachable but not for every payload.
            verdict = DoctorVerdict.Degraded;
            cause = blackHole;
        }
        else if (answered)
        {
            verdict = lossAtDestination > DegradedLossPercent ? DoctorVerdict.Degraded : DoctorVerdict.Reachable;
            cause = DoctorCause.None;
        }
        else if (causes.Count > 0)
        {
            verdict = DoctorVerdict.Blocked;
            cause = causes[0];
        }
        else
        {
            verdict = DoctorVerdict.Unknown;
            cause = new DoctorCause(CauseKind.None, CauseLocation.Path, null, "no answer, and no step found what stops it", null);
        }

        return new DoctorReport(target, verdict, cause, steps, answered ? [] : fixes, facts.Drops ?? [])
        {
            PathMechanism = facts.Path?.Mechanism,
            PortMechanism = facts.Probe?.Mechanism,
        };
    }

    private static void Resolve(DoctorFacts facts, List<DoctorStep> steps, List<DoctorCause> causes)
    {
        if (facts.Address is null)
        {
            var why = facts.ResolveError ?? "no address";
            steps.Add(new DoctorStep("resolve", StepStatus.Drop, why));
            causes.Add(new DoctorCause(CauseKind.DnsFailure, CauseLocation.Local, null, why, null));
            return;
        }

        steps.Add(new DoctorStep("resolve", StepStatus.Ok, IPAddress.TryParse(facts.Spec.Host, out _)
            ? $"{facts.Address} (an address)"
            : $"{facts.Spec.Host} is {facts.Address}"));
    }

    private static void Route(DoctorFacts facts, List<DoctorStep> steps, List<DoctorCause> causes)
    {
        if (facts.Route is not { } route)
        {
            Skipped(facts, steps, "route");
            return;
        }

        if (!route.Found)
        {
            // The kernel's errno tells an empty table from a route that exists to refuse (unreachable, prohibit, blackhole).
            var rejected = route.Errno is Errno.HostUnreachable or Errno.AccessDenied or Errno.InvalidArgument;
            var evidence = $"{route.Error}{(route.Entry is null ? string.Empty : $": {route.Entry}")}{(route.Rule is null ? string.Empty : $" (rule {route.Rule})")}";
            steps.Add(new DoctorStep("route", StepStatus.Drop, evidence));
            causes.Add(new DoctorCause(rejected ? CauseKind.RejectRoute : CauseKind.NoRoute, CauseLocation.Local, null, evidence, route.Entry));
            return;
        }

        var via = route.Gateway is null ? string.Empty : $" via {route.Gateway}";
        var kind = route.DeviceKind is null or "" ? string.Empty : $" ({route.DeviceKind})";
        steps.Add(new DoctorStep("route", StepStatus.Ok,
            $"from {route.Source}{via} dev {route.Device}{kind}: {route.Entry}{(route.Rule is null ? string.Empty : $", rule {route.Rule}")}"));
    }

    private static void LocalFirewall(DoctorFacts facts, DoctorTarget target, List<DoctorStep> steps, List<DoctorCause> causes, List<DoctorFix> fixes)
    {
        var refused = facts.Probe?.RefusedLocally == true;
        if (facts.LocalOutput is not { } output)
        {
            if (refused)
            {
                const string Evidence = "the send was refused with EPERM: this host's output firewall dropped the probe";
                steps.Add(new DoctorStep("local_firewall", StepStatus.Drop, Evidence));
                causes.Add(new DoctorCause(CauseKind.LocalFirewall, CauseLocation.Local, null, Evidence, null));
                fixes.Add(new DoctorFix(FixHost.Local, PortSpec(target), "out", facts.Address));
            }
            else
            {
                Skipped(facts, steps, "local_firewall");
            }

            return;
        }

        if (output.Accepted == false || refused)
        {
            var evidence = $"output {output.Verdict} by {output.Where ?? "the ruleset"}{(refused ? "; the send was refused with EPERM" : string.Empty)}";
            steps.Add(new DoctorStep("local_firewall", StepStatus.Drop, evidence));
            causes.Add(new DoctorCause(CauseKind.LocalFirewall, CauseLocation.Local, null, evidence, output.Where));
            fixes.Add(new DoctorFix(FixHost.Local, PortSpec(target), "out", facts.Address));
            return;
        }

        steps.Add(output.Accepted == true
            ? new DoctorStep("local_firewall", StepStatus.Ok, $"output accepted{(output.Where is null ? string.Empty : $" by {output.Where}")}")
            : new DoctorStep("local_firewall", StepStatus.Warn, $"output uncertain: {output.Doubt}"));
    }

    private static void Neighbour(DoctorFacts facts, List<DoctorStep> steps, List<DoctorCause> causes)
    {
        if (facts.Neighbour is not { } neighbour)
        {
            Skipped(facts, steps, "neighbour");
            return;
        }

        if (neighbour.Failed)
        {
            var evidence = $"{neighbour.Address} dev {neighbour.Device} is {neighbour.State}: nothing answers ARP/ND for the next hop";
            steps.Add(new DoctorStep("neighbour", StepStatus.Drop, evidence));
            causes.Add(new DoctorCause(CauseKind.NeighbourFailed, CauseLocation.Local, 1, evidence, null));
            return;
        }

        steps.Add(neighbour.State is null
            ? new DoctorStep("neighbour", StepStatus.Unknown, $"{neighbour.Address} dev {neighbour.Device}: no entry (no ARP/ND on this link, or not asked yet)")
            : new DoctorStep("neighbour", StepStatus.Ok, $"{neighbour.Address} dev {neighbour.Device} {neighbour.State}"));
    }

    private static void Path(DoctorFacts facts, List<DoctorStep> steps, List<DoctorCause> causes)
    {
        if (facts.Path is not { } path)
        {
            Skipped(facts, steps, "path");
            return;
        }

        var hops = path.Hops.Count == 0 ? "???" : string.Join(" → ", path.Hops.Select(h => (h.Address?.ToString() ?? "???") + (h.Code?.Mark is { } mark ? " " + mark : string.Empty)));
        if (path.Reached)
        {
            var last = path.Hops.Last(h => h.Destination);
            var status = last.LossPercent > DegradedLossPercent ? StepStatus.Warn : StepStatus.Ok;
            steps.Add(new DoctorStep("path", status, string.Create(CultureInfo.InvariantCulture,
                $"{hops} ({path.Hops.Count} hop{(path.Hops.Count == 1 ? string.Empty : "s")}, {last.LossPercent:0.#}% loss at the destination)")));
            return;
        }

        var answering = path.LastAnswering;
        var where = answering is null ? "no hop answered"
            : answering.Code is { } code ? $"hop {answering.Ttl} ({answering.Address}) answers {code}"
            : $"replies stop after hop {answering.Ttl} ({answering.Address})";
        steps.Add(new DoctorStep("path", StepStatus.Drop, $"{hops}: {where}, the destination did not answer"));
        if (facts.Probe is { RefusedLocally: true })
        {
            return;
        }

        if (answering?.Code is { } said)
        {
            causes.Add(PathCodes.Cause(facts.Spec.Protocol, answering, said));
            return;
        }

        // Only a cause of its own when no sharper step (a route, a neighbour, a router's ICMP error) names one later.
        var silentAfter = answering?.Ttl ?? 0;
        var kind = facts.Spec.Protocol == DoctorProtocol.Icmp ? CauseKind.IcmpBlocked : CauseKind.PathFiltered;
        causes.Add(new DoctorCause(kind, CauseLocation.Path, silentAfter + 1, $"packets vanish after hop {silentAfter}{(answering is null ? string.Empty : $" ({answering.Address})")}", null));
    }

    private static void Port(DoctorFacts facts, DoctorTarget target, List<DoctorStep> steps, List<DoctorCause> causes)
    {
        if (facts.Probe is not { } probe)
        {
            Skipped(facts, steps, "port");
            return;
        }

        var what = target.Spec.Port is { } port ? $"{port}/{target.ProtocolWord}" : "echo request";
        var evidence = string.Create(CultureInfo.InvariantCulture, $"{what} {probe.State} ({probe.Reason}{(probe.ErrorFrom is null ? string.Empty : $" from {probe.ErrorFrom}")}, {probe.ElapsedMs:0.#} ms)");
        if (probe.Answered)
        {
            steps.Add(new DoctorStep("port", StepStatus.Ok, evidence));
            return;
        }

        steps.Add(new DoctorStep("port", probe.State == "open|filtered" ? StepStatus.Warn : StepStatus.Drop, evidence));
        if (probe.RefusedLocally)
        {
            return;
        }

        // An answer that is not the port's is a cause in its own right, sharper than the path's silence: insert before it.
        DoctorCause? sharper = probe.Reason switch
        {
            "conn-refused" or "reset" or "port-unreach" when probe.ErrorFrom is null || probe.ErrorFrom.Equals(facts.Address) =>
                new DoctorCause(CauseKind.NoListener, CauseLocation.Peer, null, $"{facts.Address} answers, but nothing listens on {what}", null),
            "admin-prohibited" or "host-prohibited" or "net-prohibited" =>
                new DoctorCause(ProhibitedByTarget(probe, facts) ? CauseKind.PeerFirewall : CauseKind.PathFiltered,
                    ProhibitedByTarget(probe, facts) ? CauseLocation.Peer : CauseLocation.Path, HopOf(facts, probe.ErrorFrom),
                    $"{Sender(probe, facts)} rejects it ({probe.Reason})", null),
            "host-unreach" or "net-unreach" =>
                new DoctorCause(CauseKind.PathUnreachable, CauseLocation.Path, HopOf(facts, probe.ErrorFrom), $"{Sender(probe, facts)} answers {probe.Reason}", null),
            "frag-needed" => new DoctorCause(CauseKind.MtuBlackhole, CauseLocation.Path, HopOf(facts, probe.ErrorFrom), $"{Sender(probe, facts)} says the packet is too big", null),
            _ => null,
        };
        if (sharper is not null)
        {
            InsertBeforePath(causes, sharper);
        }
    }

    private static void Peer(DoctorFacts facts, DoctorTarget target, List<DoctorStep> steps, List<DoctorCause> causes, List<DoctorFix> fixes)
    {
        if (facts.Peer is not { } peer)
        {
            Skipped(facts, steps, "peer_firewall");
            return;
        }

        if (peer.Input is { } input)
        {
            if (input.Accepted == false)
            {
                var evidence = $"input {input.Verdict} by {input.Where ?? "the ruleset"}";
                steps.Add(new DoctorStep("peer_firewall", StepStatus.Drop, $"{peer.Netns}: {evidence}"));
                InsertBeforePath(causes, new DoctorCause(CauseKind.PeerFirewall, CauseLocation.Peer, null, evidence, input.Where));
                fixes.Add(new DoctorFix(FixHost.Peer, PortSpec(target), "in", facts.Route?.Source));
            }
            else
            {
                steps.Add(input.Accepted == true
                    ? new DoctorStep("peer_firewall", StepStatus.Ok, $"{peer.Netns}: input accepted{(input.Where is null ? string.Empty : $" by {input.Where}")}")
                    : new DoctorStep("peer_firewall", StepStatus.Warn, $"{peer.Netns}: input uncertain: {input.Doubt}"));
            }
        }
        else
        {
            Skipped(facts, steps, "peer_firewall");
        }

        // A far side that heard the probe but has no listener answers it (a reset, a port unreachable): when the
        // probe met silence instead, the listener is not why, and the path's silence stays the first cause.
        var heardNothing = facts.Probe is { State: "filtered" or "open|filtered", Reason: "no-response" } && peer.Input?.Accepted != false;
        void ListenerCause(DoctorCause cause)
        {
            if (heardNothing)
            {
                causes.Add(cause);
            }
            else
            {
                InsertBeforePath(causes, cause);
            }
        }

        if (peer.Listener is { } listener && target.Spec.Port is { } port && facts.Address is { } destination)
        {
            if (listener.Bound.Count == 0)
            {
                var evidence = $"nothing listens on {port}/{target.ProtocolWord}";
                steps.Add(new DoctorStep("peer_listener", StepStatus.Drop, $"{peer.Netns}: {evidence}"));
                ListenerCause(new DoctorCause(CauseKind.NoListener, CauseLocation.Peer, null, evidence, null));
            }
            else if (!listener.Hears(destination))
            {
                var evidence = $"{listener.Process ?? "a socket"} listens on {string.Join(", ", listener.Bound)}, not on {destination}";
                steps.Add(new DoctorStep("peer_listener", StepStatus.Drop, $"{peer.Netns}: {evidence}"));

                // the probe's reset said "no listener"; the far side says why
                causes.RemoveAll(c => c.Kind == CauseKind.NoListener);
                ListenerCause(new DoctorCause(CauseKind.ListenerAddress, CauseLocation.Peer, null, evidence, null));
            }
            else
            {
                steps.Add(new DoctorStep("peer_listener", StepStatus.Ok, $"{peer.Netns}: {listener.Process ?? "a socket"} listens on {string.Join(", ", listener.Bound)}"));
            }
        }

        if (peer.RouteBack is { } back)
        {
            if (!back.Found)
            {
                var evidence = $"no way back to {facts.Route?.Source}: {back.Error}";
                steps.Add(new DoctorStep("peer_route", StepStatus.Drop, $"{peer.Netns}: {evidence}"));
                InsertBeforePath(causes, new DoctorCause(CauseKind.WrongSource, CauseLocation.Peer, null, evidence, back.Entry));
            }
            else
            {
                steps.Add(new DoctorStep("peer_route", StepStatus.Ok, $"{peer.Netns}: back to {facts.Route?.Source}{(back.Gateway is null ? string.Empty : $" via {back.Gateway}")} dev {back.Device}"));
            }
        }

        if (peer.RpFilter is { } rp)
        {
            if (rp.Drops)
            {
                var evidence = $"rp_filter is strict on {rp.ArrivalDevice}, and the way back leaves by {rp.ReturnDevice}";
                steps.Add(new DoctorStep("peer_rp_filter", StepStatus.Drop, $"{peer.Netns}: {evidence}"));
                InsertBeforePath(causes, new DoctorCause(CauseKind.RpFilter, CauseLocation.Peer, null, evidence, null));
            }
            else
            {
                var mode = rp.Mode switch { 0 => "off", 1 => "strict", _ => "loose" };
                steps.Add(new DoctorStep("peer_rp_filter", StepStatus.Ok, $"{peer.Netns}: rp_filter {mode} on {rp.ArrivalDevice}"));
            }
        }
    }

    private static void Drops(DoctorFacts facts, List<DoctorStep> steps)
    {
        if (facts.Drops is not { } drops)
        {
            Skipped(facts, steps, "kernel_drops");
            return;
        }

        steps.Add(drops.Count == 0
            ? new DoctorStep("kernel_drops", StepStatus.Ok, "the kernel dropped no packet while the probes ran")
            : new DoctorStep("kernel_drops", StepStatus.Warn, string.Join("; ", drops.Select(d => $"{d.Reason} in {d.Location} ×{d.Count}"))));
    }

    /// <summary>A path cause is the fallback: a sharper cause found later (the peer's rule, the missing listener) goes before it.</summary>
    private static void InsertBeforePath(List<DoctorCause> causes, DoctorCause cause)
    {
        var path = causes.FindIndex(c => c.Kind is CauseKind.PathFiltered or CauseKind.IcmpBlocked && c.Rule is null && c.Where == CauseLocation.Path);
        if (path < 0)
        {
            causes.Add(cause);
        }
        else
        {
            causes.Insert(path, cause);
        }
    }

    /// <summary>Who sent the ICMP error: the address when the probe saw it, else the hop the trace saw unreachable.</summary>
    private static string Sender(ProbeFact probe, DoctorFacts facts) =>
        probe.ErrorFrom?.ToString() ?? facts.Path?.LastAnswering?.Address?.ToString() ?? "a router";

    private static bool ProhibitedByTarget(ProbeFact probe, DoctorFacts facts) => probe.ErrorFrom is null || probe.ErrorFrom.Equals(facts.Address);

    private static int? HopOf(DoctorFacts facts, IPAddress? router) =>
        router is null ? null : facts.Path?.Hops.FirstOrDefault(h => router.Equals(h.Address))?.Ttl;

    private static void Skipped(DoctorFacts facts, List<DoctorStep> steps, string kind)
    {
        if (facts.Notes.TryGetValue(kind, out var why))
        {
            steps.Add(new DoctorStep(kind, StepStatus.Skipped, why));
        }
    }

    /// <summary>What `port open` is given to let the probe through: PORT/PROTO, or the echo request.</summary>
    private static string PortSpec(DoctorTarget target) =>
        target.Spec.Port is { } port ? $"{port}/{target.ProtocolWord}" : $"{target.ProtocolWord}/echo-request";
}

/// <summary>The errno values a route lookup answers with.</summary>
internal static class Errno
{
    public const int AccessDenied = 13;
    public const int InvalidArgument = 22;
    public const int NetworkUnreachable = 101;
    public const int HostUnreachable = 113;
}
