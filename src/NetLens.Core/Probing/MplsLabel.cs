namespace NetLens.Core.Probing;

/// <summary>
/// One MPLS label stack entry a router quoted in its ICMP error (RFC 4950 §7, the entry layout of RFC 3032 §2.1):
/// label (20 bits), traffic class (3 bits, "Exp" before RFC 5462), bottom of stack (1 bit), TTL (8 bits).
/// </summary>
public readonly record struct MplsLabel(uint Label, byte TrafficClass, bool BottomOfStack, byte Ttl)
{
    /// <summary>Reads one 4-byte entry in network order.</summary>
    public static MplsLabel Read(uint entry) =>
        new(entry >> 12, (byte)((entry >> 9) & 0x7), ((entry >> 8) & 0x1) == 1, (byte)(entry & 0xFF));

    /// <summary>mtr -e's words for an entry: <c>[MPLS: Lbl 24001 TC 0 S 1 TTL 1]</c>.</summary>
    public override string ToString() => $"[MPLS: Lbl {Label} TC {TrafficClass} S {(BottomOfStack ? 1 : 0)} TTL {Ttl}]";
}
