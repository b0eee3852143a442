using System.Buffers.Binary;

namespace NetLens.Core.Probing;

/// <summary>
/// Reads the ICMP extension structure routers append to time exceeded and unreachable messages (RFC 4884) and the
/// MPLS label stack object in it (RFC 4950): which labels the probe carried when its TTL ran out inside a tunnel.
/// </summary>
public static class IcmpExtensions
{
    /// <summary>RFC 4884 §4.1: with extensions the original datagram field is padded to at least 128 bytes.</summary>
    public const int MinimumOriginalDatagram = 128;

    private const int StructureHeader = 4;
    private const int ObjectHeader = 4;
    private const int Version = 2;
    private const byte MplsClass = 1;
    private const byte MplsIncomingStack = 1;

    /// <summary>
    /// The MPLS labels of an ICMP error's body (what follows its 8-byte header). <paramref name="lengthAttribute"/> is the
    /// header's length field (ICMP byte 5, in 4-byte words; ICMPv6 byte 4, in 8-byte words): when 0 the router predates
    /// RFC 4884, and the structure is looked for right after 128 bytes, as RFC 4884 §5 allows, trusting it only if its
    /// checksum holds.
    /// </summary>
    public static IReadOnlyList<MplsLabel> ReadMpls(ReadOnlySpan<byte> body, byte lengthAttribute, bool ipv6)
    {
        var original = lengthAttribute * (ipv6 ? 8 : 4);
        if (original == 0)
        {
            original = MinimumOriginalDatagram;
        }
        else if (original < MinimumOriginalDatagram)
        {
            return [];
        }

        return body.Length > original ? ReadMplsFromStructure(body[original..]) : [];
    }

    /// <summary>
    /// The MPLS labels behind a quote that is handed over from its <paramref name="quoteOffset"/>-th byte on, as a
    /// socket's error queue does (it starts at the quoted payload and drops the ICMP header with its length field).
    /// </summary>
    public static IReadOnlyList<MplsLabel> ReadMplsAfterQuote(ReadOnlySpan<byte> fromQuoteOffset, int quoteOffset)
    {
        var start = MinimumOriginalDatagram - quoteOffset;
        return start >= 0 && fromQuoteOffset.Length > start ? ReadMplsFromStructure(fromQuoteOffset[start..]) : [];
    }

    /// <summary>The labels of the first MPLS label stack object, or none if <paramref name="structure"/> is no valid extension structure.</summary>
    public static IReadOnlyList<MplsLabel> ReadMplsFromStructure(ReadOnlySpan<byte> structure)
    {
        // The checksum covers the whole structure (RFC 4884 §7); it is what tells a structure from padding or payload.
        if (structure.Length < StructureHeader || structure[0] >> 4 != Version || InternetChecksum.Compute(structure) != 0)
        {
            return [];
        }

        var objects = structure[StructureHeader..];
        while (objects.Length >= ObjectHeader)
        {
            var length = BinaryPrimitives.ReadUInt16BigEndian(objects);
            if (length < ObjectHeader || length > objects.Length)
            {
                return [];
            }

            if (objects[2] == MplsClass && objects[3] == MplsIncomingStack)
            {
                var entries = objects[ObjectHeader..length];
                var labels = new MplsLabel[entries.Length / 4];
                for (var i = 0; i < labels.Length; i++)
                {
                    labels[i] = MplsLabel.Read(BinaryPrimitives.ReadUInt32BigEndian(entries[(i * 4)..]));
                }

                return labels;
            }

            objects = objects[length..];
        }

        return [];
    }
}
