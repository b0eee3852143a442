using NetLens.Core.Links;
using NetLens.Core.PortTest;

namespace NetLens.Core.Doctor;

/// <summary>
/// The packet under the overlay: the tunnel the route leaves by and the same steps again for the packet that carries
/// the overlay's (for vxlan, UDP to the tunnel's remote on its port). A null fact was not gathered (a note says why).
/// </summary>
/// <remarks>Device: The overlay's output device (vxlan42).</remarks>
/// <remarks>Tunnel: Its underlay as the kernel reports it: VNI, local and remote address, UDP port.</remarks>
public sealed record UnderlayFacts(string Device, Tunnel Tunnel)
{
    /// <summary>The kernel's route to the tunnel's remote, from the tunnel's local address.</summary>
    public RouteFact? Route { get; init; }

    /// <summary>This host's output firewall, the underlay packet (UDP to the remote's tunnel port) run through it.</summary>
    public FirewallFact? LocalOutput { get; init; }

    public NeighbourFact? Neighbour { get; init; }

    /// <summary>
    /// An echo request to the remote: the peer's kernel holds the tunnel port and answers no probe there, so its host's
    /// reachability is what traffic can prove from here.
    /// </summary>
    public ProbeFact? Remote { get; init; }

    /// <summary>The far side's input firewall, the underlay packet run through it (with --peer-netns, when it holds the remote).</summary>
    public FirewallFact? PeerInput { get; init; }

    /// <summary>
    /// With --peer-netns: a frame sent through the tunnel and whether the peer's device caught it, the proof of the
    /// tunnel's port that no probe of it can give.
    /// </summary>
    public TunnelProof? Frame { get; init; }

    /// <summary>The far side's namespace, when it was read.</summary>
    public string? PeerNetns { get; init; }

    /// <summary>"udp/8472", the underlay packet's port and protocol.</summary>
    public string PortWord => Tunnel.Port is { } port ? $"udp/{port}" : "udp";

    /// <summary>"8472/udp", as `port open` takes it.</summary>
    public string PortSpec => Tunnel.Port is { } port ? $"{port}/udp" : "udp";
}
