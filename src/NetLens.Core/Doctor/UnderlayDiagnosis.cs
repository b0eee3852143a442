using NetLens.Core.PortTest;

namespace NetLens.Core.Doctor;

/// <summary>
/// doctor's underlay steps: when the route leaves through a tunnel, the packet that carries the overlay's (UDP to the
/// tunnel's remote) walks route, output firewall, neighbour, the remote and the far side's input. A blocked underlay is
/// the cause of a dead overlay: it goes before the overlay's own symptoms (its failed ARP, its silent path).
/// </summary>
internal static class UnderlayDiagnosis
{
    public static void Steps(DoctorFacts facts, List<DoctorStep> steps, List<DoctorCause> causes, List<DoctorFix> fixes)
    {
        if (facts.Underlay is not { } underlay)
        {
            if (facts.Notes.TryGetValue("underlay", out var why))
            {
                steps.Add(new DoctorStep("underlay", StepStatus.Skipped, why));
            }

            return;
        }

        var overlayAnswered = facts.Probe?.Answered == true;
        var tunnel = $"{underlay.Device} ({underlay.Tunnel.Describe()})";
        var packet = $"{underlay.PortWord} to {underlay.Tunnel.Remote}";
        var found = new List<DoctorCause>();

        if (underlay.Route is not { } route)
        {
            Skipped(facts, steps, "underlay_route");
        }
        else if (!route.Found)
        {
            var evidence = $"{tunnel}: no underlay route to {underlay.Tunnel.Remote}: {route.Error}{(route.Entry is null ? string.Empty : $" ({route.Entry})")}";
            steps.Add(new DoctorStep("underlay_route", StepStatus.Drop, evidence));
            found.Add(new DoctorCause(CauseKind.UnderlayBlocked, CauseLocation.Underlay, null, evidence, route.Entry));
        }
        else
        {
            var via = route.Gateway is null ? string.Empty : $" via {route.Gateway}";
            steps.Add(new DoctorStep("underlay_route", StepStatus.Ok,
                $"{tunnel} carries it in {packet}: from {route.Source}{via} dev {route.Device}: {route.Entry}{(route.Rule is null ? string.Empty : $", rule {route.Rule}")}"));
        }

        if (underlay.LocalOutput is not { } output)
        {
            Skipped(facts, steps, "underlay_firewall");
        }
        else if (output.Accepted == false)
        {
            var evidence = $"{packet}: output {output.Verdict} by {output.Where ?? "the ruleset"}";
            steps.Add(new DoctorStep("underlay_firewall", StepStatus.Drop, evidence));
            found.Add(new DoctorCause(CauseKind.UnderlayBlocked, CauseLocation.Underlay, null, evidence, output.Where));
            fixes.Add(new DoctorFix(FixHost.Local, underlay.PortSpec, "out", underlay.Tunnel.Remote));
        }
        else
        {
            steps.Add(output.Accepted == true
                ? new DoctorStep("underlay_firewall", StepStatus.Ok, $"{packet}: output accepted{(output.Where is null ? string.Empty : $" by {output.Where}")}")
                : new DoctorStep("underlay_firewall", StepStatus.Warn, $"{packet}: output uncertain: {output.Doubt}"));
        }

        if (underlay.Neighbour is { } neighbour)
        {
            if (neighbour.Failed)
            {
                var evidence = $"{neighbour.Address} dev {neighbour.Device} is {neighbour.State}: nothing answers ARP/ND for the underlay's next hop";
                steps.Add(new DoctorStep("underlay_neighbour", StepStatus.Drop, evidence));
                found.Add(new DoctorCause(CauseKind.UnderlayBlocked, CauseLocation.Underlay, 1, evidence, null));
            }
            else
            {
                steps.Add(new DoctorStep("underlay_neighbour", neighbour.State is null ? StepStatus.Unknown : StepStatus.Ok,
                    $"{neighbour.Address} dev {neighbour.Device} {neighbour.State ?? "has no entry"}"));
            }
        }

        var silentRemote = underlay.Frame is { } frame ? FramePort(frame, packet, steps) : RemotePort(facts, underlay, packet, overlayAnswered, steps);

        if (underlay.PeerInput is { } input)
        {
            if (input.Accepted == false)
            {
                var evidence = $"{packet}: input {input.Verdict} by {input.Where ?? "the ruleset"}";
                steps.Add(new DoctorStep("underlay_peer_firewall", StepStatus.Drop, $"{underlay.PeerNetns}: {evidence}"));
                found.Add(new DoctorCause(CauseKind.UnderlayBlocked, CauseLocation.Underlay, null, evidence, input.Where));
                fixes.Add(new DoctorFix(FixHost.Peer, underlay.PortSpec, "in", underlay.Route?.Source ?? underlay.Tunnel.Local));
            }
            else
            {
                steps.Add(input.Accepted == true
                    ? new DoctorStep("underlay_peer_firewall", StepStatus.Ok, $"{underlay.PeerNetns}: {packet}: input accepted{(input.Where is null ? string.Empty : $" by {input.Where}")}")
                    : new DoctorStep("underlay_peer_firewall", StepStatus.Warn, $"{underlay.PeerNetns}: {packet}: input uncertain: {input.Doubt}"));
            }
        }
        else
        {
            Skipped(facts, steps, "underlay_peer_firewall");
        }

        if (overlayAnswered)
        {
            return;
        }

        // a silent remote is a cause only when no step named a sharper one (the far side's rule drops its echo too)
        // (a lost frame is a cause even past an accepting peer rule: something between the two drops it)
        if (found.Count == 0 && silentRemote is not null && (underlay.PeerInput?.Accepted != true || underlay.Frame is { Arrived: false }))
        {
            found.Add(silentRemote);
        }

        // Nothing named the drop, yet ARP through the tunnel got no answer while its remote answers echo: the
        // tunnel's UDP does not get through (or back), somewhere this host cannot see.
        if (found.Count == 0 && underlay.Remote?.Answered == true && facts.Neighbour is { Failed: true } overlayNeighbour
            && underlay.PeerInput?.Accepted != true)
        {
            found.Add(new DoctorCause(CauseKind.UnderlayBlocked, CauseLocation.Underlay, null,
                $"ARP for {overlayNeighbour.Address} through {underlay.Device} gets no answer while the tunnel's remote {underlay.Tunnel.Remote} answers echo: {packet} is dropped past this host{(underlay.PeerNetns is null ? " (give --peer-netns to name the far side's rule)" : string.Empty)}",
                null));
        }

        if (found.Count > 0)
        {
            // the overlay's failed ARP and silent path are what a dead tunnel looks like from above: the underlay goes first
            var symptom = causes.FindIndex(c => c.Kind is CauseKind.NeighbourFailed or CauseKind.PathFiltered or CauseKind.PathUnreachable or CauseKind.IcmpBlocked);
            causes.InsertRange(symptom < 0 ? causes.Count : symptom, found);
        }
    }

    /// <summary>
    /// The remote's tunnel port belongs to its kernel, which answers no probe: an overlay answer proves it, else the
    /// remote's echo shows the host is there and only its firewall (read with --peer-netns) tells the port's fate.
    /// </summary>
    /// <returns>The cause a silent remote would be, when it is silent.</returns>
    private static DoctorCause? RemotePort(DoctorFacts facts, UnderlayFacts underlay, string packet, bool overlayAnswered, List<DoctorStep> steps)
    {
        if (overlayAnswered)
        {
            steps.Add(new DoctorStep("underlay_port", StepStatus.Ok, $"{packet} carries the overlay: the destination answered through {underlay.Device}"));
            return null;
        }

        if (underlay.Remote is not { } remote)
        {
            Skipped(facts, steps, "underlay_port");
            return null;
        }

        var holder = $"{underlay.PortWord} there is held by the peer's kernel {underlay.Tunnel.Kind}, which answers no probe";
        if (remote.Answered)
        {
            var proof = underlay.PeerInput is null ? "only its firewall (--peer-netns) can tell the port's fate" : "its firewall is read below";
            steps.Add(new DoctorStep("underlay_port", StepStatus.Unknown, $"{underlay.Tunnel.Remote} answers echo; {holder}: {proof}"));
            return null;
        }

        var evidence = $"the tunnel's remote {underlay.Tunnel.Remote} does not answer echo ({remote.Reason}); {holder}";
        steps.Add(new DoctorStep("underlay_port", StepStatus.Drop, evidence));
        return new DoctorCause(CauseKind.UnderlayBlocked, CauseLocation.Underlay, null, evidence, null);
    }

    /// <summary>The frame sent through the tunnel (--peer-netns) proves the port either way.</summary>
    /// <returns>The cause when the frame never arrived.</returns>
    private static DoctorCause? FramePort(TunnelProof frame, string packet, List<DoctorStep> steps)
    {
        var evidence = $"{packet}: {frame.Describe()}";
        steps.Add(new DoctorStep("underlay_port", frame.Arrived ? StepStatus.Ok : StepStatus.Drop, evidence));
        return frame.Arrived ? null : new DoctorCause(CauseKind.UnderlayBlocked, CauseLocation.Underlay, null, evidence, null);
    }

    private static void Skipped(DoctorFacts facts, List<DoctorStep> steps, string kind)
    {
        if (facts.Notes.TryGetValue(kind, out var why))
        {
            steps.Add(new DoctorStep(kind, StepStatus.Skipped, why));
        }
    }
}
