using System.Net.Sockets;
using NetLens.Core.Links;

namespace NetLens.Core.Scanning;

/// <summary>
/// The kernel resolves the link-layer address of every on-link host a probe goes to. A host that drops every probe
/// still answers ARP (or neighbour discovery), and that answer confirms its neighbour entry: an entry confirmed
/// while the host was probed proves it up, as nmap's ARP ping does on a local link.
/// </summary>
public static class NeighbourEvidence
{
    /// <summary>States whose link-layer address the neighbour gave at some point; the kernel may be re-checking it.</summary>
    public const NeighbourStates Resolved = NeighbourStates.Reachable | NeighbourStates.Stale | NeighbourStates.Delay | NeighbourStates.Probe;

    /// <summary>States in which the kernel is still asking the neighbour (after delay_first_probe_time, 5 s by default).</summary>
    public const NeighbourStates Checking = NeighbourStates.Delay | NeighbourStates.Probe;

    /// <summary>
    /// The neighbour answered within <paramref name="window"/> (the time since probing began), or the kernel holds it
    /// REACHABLE (confirmed within base_reachable_time, about 30 s): a recent answer is an answer, and the kernel
    /// does not ask again while it is fresh.
    /// </summary>
    public static bool ProvesUp(Neighbour neighbour, TimeSpan window) =>
        neighbour.HasLinkAddress
        && (neighbour.State & (NeighbourStates.Permanent | NeighbourStates.NoArp)) == 0
        && (neighbour.State == NeighbourStates.Reachable
            || ((neighbour.State & Resolved) != 0 && neighbour.SinceConfirmed is { } age && age <= window));

    /// <summary>The reason nmap gives: arp-response on IPv4, nd-response on IPv6.</summary>
    public static PortReason Reason(Neighbour neighbour) =>
        neighbour.Address.AddressFamily == AddressFamily.InterNetworkV6 ? PortReason.NdResponse : PortReason.ArpResponse;
}
