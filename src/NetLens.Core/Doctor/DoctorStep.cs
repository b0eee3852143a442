namespace NetLens.Core.Doctor;

/// <summary>How one step ended: the packet passed, was dropped there, passed with a doubt, could not be told, or was not looked at.</summary>
public enum StepStatus
{
    Ok,
    Drop,
    Warn,
    Unknown,
    Skipped,
}

/// <summary>One step of the trace from here to the far side, in the order a packet meets them, with one line of evidence.</summary>
/// <remarks>Kind: resolve, route, local_firewall, neighbour, path, forwarding, mtu, port, peer_firewall, peer_listener, peer_route, peer_rp_filter, the underlay's (underlay_route, underlay_firewall, underlay_neighbour, underlay_port, underlay_peer_firewall), conntrack, nftables_trace, kernel_drops.</remarks>
public sealed record DoctorStep(string Kind, StepStatus Status, string Detail);
