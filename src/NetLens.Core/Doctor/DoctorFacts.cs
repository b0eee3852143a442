using System.Net;

namespace NetLens.Core.Doctor;

/// <summary>
/// What doctor gathered, step by step; a null fact was not gathered (an earlier step ended the trace, or the privilege
/// or the far side was missing, said in <see cref="Notes"/>). Core turns these into the steps and the verdict.
/// </summary>
public sealed record DoctorFacts
{
    public required DoctorTargetSpec Spec { get; init; }

    public IPAddress? Address { get; init; }

    /// <summary>Why the name did not resolve, when it did not.</summary>
    public string? ResolveError { get; init; }

    public RouteFact? Route { get; init; }

    /// <summary>This host's output firewall, the probe's first packet run through it.</summary>
    public FirewallFact? LocalOutput { get; init; }

    public NeighbourFact? Neighbour { get; init; }

    public ProbeFact? Probe { get; init; }

    public PathFact? Path { get; init; }

    public PeerFacts? Peer { get; init; }

    /// <summary>The path MTU the DF probes found; null when they did not run (<see cref="Notes"/> says why).</summary>
    public MtuFact? Mtu { get; init; }

    /// <summary>The underlay packet's steps when the route leaves through a tunnel; null otherwise (<see cref="Notes"/> says why, when it is a tunnel).</summary>
    public UnderlayFacts? Underlay { get; init; }

    /// <summary>The kernel's drops while the probes ran; null when they could not be read (<see cref="DropsNote"/> says why).</summary>
    public IReadOnlyList<KernelDrop>? Drops { get; init; }

    public string? DropsNote { get; init; }

    /// <summary>This host's forwarding on the arrival device, when doctor was told one (--iif).</summary>
    public ForwardingFact? Forwarding { get; init; }

    /// <summary>The connection-tracking tables after the probes, doctor's own namespace first; null when not read.</summary>
    public IReadOnlyList<ConntrackFact>? Conntrack { get; init; }

    /// <summary>The probe traced through nftables (meta nftrace), this host first, then the far side; null when it could not be (<see cref="Notes"/> says why).</summary>
    public IReadOnlyList<NftTraceFact>? NftTrace { get; init; }

    /// <summary>Steps left out and why (no privilege, no tracefs…), keyed by step kind.</summary>
    public IReadOnlyDictionary<string, string> Notes { get; init; } = new Dictionary<string, string>();
}

/// <summary>The kernel's route for the probe: found or the lookup's error; the source it picks, the device and next hop, the table entry and the rule.</summary>
/// <remarks>Errno: 0 when found; ENETUNREACH (no route), EHOSTUNREACH/EACCES/EINVAL (unreachable, prohibit, blackhole route).</remarks>
/// <remarks>Entry: The table entry that matched, as `ip route` writes it ("198.18.0.0/24 dev veth0 table main").</remarks>
/// <remarks>Rule: The policy rule that chose the table ("32766: from all lookup main").</remarks>
/// <remarks>DeviceKind: The output device's link kind (vxlan, wireguard, veth…), when it has one.</remarks>
public sealed record RouteFact(int Errno, string? Error, IPAddress? Source, string? Device, string? DeviceKind, IPAddress? Gateway, string? Entry, string? Rule)
{
    public bool Found => Errno == 0;

    /// <summary>The address whose neighbour entry the first packet needs: the gateway, or the destination on a link.</summary>
    public IPAddress NextHop(IPAddress destination) => Gateway ?? destination;
}

/// <summary>One firewall's verdict on the probe's first packet: accepted, dropped or rejected (Accepted false), or uncertain (null).</summary>
/// <remarks>Where: The deciding rule or policy, as `port check` names it.</remarks>
/// <remarks>Doubt: Why the answer is uncertain, when it is.</remarks>
public sealed record FirewallFact(bool? Accepted, string? Where, string? Doubt, string Verdict);

/// <summary>The next hop's neighbour entry after the probe: its state as `ip neigh` writes it (REACHABLE, STALE, FAILED, INCOMPLETE…), or null for none.</summary>
public sealed record NeighbourFact(IPAddress Address, string Device, string? State)
{
    public bool Failed => State is "FAILED" or "INCOMPLETE";
}

/// <summary>What the probe of the port (or the echo request) proved.</summary>
/// <remarks>State: open, closed, filtered, open|filtered (port probes); reply, silent (echo).</remarks>
/// <remarks>Reason: syn-ack, conn-refused, port-unreach, host-unreach, admin-prohibited, net-unreach, echo-reply, no-response, local-firewall…</remarks>
/// <remarks>ErrorFrom: The router or host that sent an ICMP error.</remarks>
/// <remarks>RefusedLocally: The send itself failed with EPERM: this host's output firewall refused it.</remarks>
public sealed record ProbeFact(string State, string Reason, IPAddress? ErrorFrom, double ElapsedMs, string Mechanism, bool RefusedLocally)
{
    public bool Answered => State is "open" or "reply";
}

/// <summary>The path as a short trace saw it: the hops in TTL order, and whether the destination answered.</summary>
public sealed record PathFact(IReadOnlyList<PathHop> Hops, bool Reached, NetLens.Core.Probing.ProbeMechanism Mechanism)
{
    /// <summary>The last hop that answered, or null when none did.</summary>
    public PathHop? LastAnswering => Hops.LastOrDefault(h => h.Address is not null);
}

/// <summary>One hop: the router (or the destination) that answered at this TTL, or null when silent, and its loss.</summary>
public sealed record PathHop(int Ttl, IPAddress? Address, double LossPercent, bool Destination)
{
    /// <summary>The ICMP code of the router's "cannot be reached" answer at this hop (traceroute's !H, !X…); null when none came.</summary>
    public NetLens.Core.Probing.UnreachableCode? Code { get; init; }
}

/// <summary>The far side, read inside its namespace (--peer-netns): its input firewall, the listener, its way back, rp_filter.</summary>
public sealed record PeerFacts(string Netns, FirewallFact? Input, ListenerFact? Listener, RouteFact? RouteBack, RpFilterFact? RpFilter);

/// <summary>The far side's sockets on the port: none, or bound to which addresses (a listener on another address does not hear the probe).</summary>
public sealed record ListenerFact(IReadOnlyList<IPEndPoint> Bound, string? Process)
{
    public bool Hears(IPAddress destination) =>
        Bound.Any(b => b.Address.Equals(destination) || b.Address.Equals(IPAddress.Any) || b.Address.Equals(IPAddress.IPv6Any));
}

/// <summary>
/// The far side's reverse-path filter on the device the probe arrives by: 0 off, 1 strict (the way back must leave by the
/// same device), 2 loose (any way back).
/// </summary>
public sealed record RpFilterFact(int Mode, string ArrivalDevice, string? ReturnDevice)
{
    public bool Drops => Mode == 1 && ReturnDevice is not null && ReturnDevice != ArrivalDevice;
}
