namespace NetLens.Core.PortTest;

/// <summary>
/// What a frame sent through a kernel tunnel proved about the tunnel's UDP port: it left this side's device
/// (<see cref="LocalDevice"/>) and the peer's device (<see cref="PeerDevice"/>) caught it after decapsulation, or not.
/// The peer device's rx_packets before and after are the kernel's own count of what came out of the tunnel.
/// </summary>
public sealed record TunnelProof(string LocalDevice, string PeerDevice, bool Arrived, int Frames, ulong? PeerRxBefore, ulong? PeerRxAfter)
{
    /// <summary>"a frame sent out of vxlan42 arrived on the peer's vxlan42 (its rx_packets 3 → 4)".</summary>
    public string Describe()
    {
        var counted = PeerRxBefore is { } before && PeerRxAfter is { } after ? $" (its rx_packets {before} → {after})" : string.Empty;
        var frames = Frames == 1 ? "a frame" : $"{Frames} frames";
        return Arrived
            ? $"{frames} sent out of {LocalDevice} arrived on the peer's {PeerDevice}{counted}: the tunnel's port passes"
            : $"{frames} sent out of {LocalDevice} never arrived on the peer's {PeerDevice}{counted}: the underlay drops the tunnel's port";
    }
}
