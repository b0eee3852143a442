using System.Buffers.Binary;
using NetLens.Core.Probing;

namespace NetLens.Core.Tests.Trace;

/// <summary>ICMP extensions (RFC 4884) carrying an MPLS label stack (RFC 4950), built byte by byte from the RFCs.</summary>
public class MplsExtensionTests
{
    // Quoted IPv4 header of a UDP probe 198.18.0.1 -> 198.18.4.2, then its UDP header and 2-byte sequence: 30 bytes.
    private const string QuotedUdpProbe = "4500001e1234400001110000" + "c6120001" + "c6120402" + "9c40829a000aabcd" + "0005";

    /// <summary>RFC 3032 §2.1 entry: label 20 bits, TC 3, S 1, TTL 8.</summary>
    private static uint Entry(uint label, uint trafficClass, bool bottom, uint ttl) => (label << 12) | (trafficClass << 9) | ((bottom ? 1u : 0u) << 8) | ttl;

    /// <summary>RFC 4884 §7 extension header (version 2, checksum over the structure) and one RFC 4950 object (class 1, C-type 1).</summary>
    private static byte[] Extension(params uint[] entries)
    {
        var structure = new byte[4 + 4 + (4 * entries.Length)];
        structure[0] = 0x20;
        BinaryPrimitives.WriteUInt16BigEndian(structure.AsSpan(4), (ushort)(4 + (4 * entries.Length)));
        structure[6] = 1;
        structure[7] = 1;
        for (var i = 0; i < entries.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(structure.AsSpan(8 + (4 * i)), entries[i]);
        }

        BinaryPrimitives.WriteUInt16BigEndian(structure.AsSpan(2), InternetChecksum.Compute(structure));
        return structure;
    }

    /// <summary>An ICMP time exceeded whose quote is zero-padded to <paramref name="quoteLength"/> bytes, then <paramref name="extension"/>.</summary>
    private static byte[] TimeExceeded(byte lengthAttribute, int quoteLength, byte[] extension, bool ipv6 = false)
    {
        var quote = new byte[quoteLength];
        Convert.FromHexString(QuotedUdpProbe).CopyTo(quote, 0);
        byte[] header = ipv6 ? [3, 0, 0, 0, lengthAttribute, 0, 0, 0] : [11, 0, 0, 0, 0, lengthAttribute, 0, 0];
        return [.. header, .. quote, .. extension];
    }

    private static readonly MplsLabel[] TwoLabels = [new(24001, 0, false, 1), new(16, 5, true, 255)];

    [Fact]
    public void A_compliant_time_exceeded_gives_the_label_stack_in_order()
    {
        var icmp = TimeExceeded(lengthAttribute: 32, quoteLength: 128, Extension(Entry(24001, 0, false, 1), Entry(16, 5, true, 255)));

        Assert.True(IcmpDecoder.TryDecode(icmp, ipv6: false, out var message));

        Assert.Equal(TwoLabels, message.Mpls);
        Assert.NotNull(message.Quoted);
    }

    [Fact]
    public void A_length_attribute_past_128_bytes_moves_the_structure_with_it()
    {
        var icmp = TimeExceeded(lengthAttribute: 40, quoteLength: 160, Extension(Entry(100, 1, true, 3)));

        Assert.True(IcmpDecoder.TryDecode(icmp, ipv6: false, out var message));

        Assert.Equal([new MplsLabel(100, 1, true, 3)], message.Mpls);
    }

    [Fact]
    public void A_router_without_the_length_attribute_is_read_at_128_bytes_as_RFC_4884_section_5_allows()
    {
        var icmp = TimeExceeded(lengthAttribute: 0, quoteLength: 128, Extension(Entry(24001, 0, false, 1), Entry(16, 5, true, 255)));

        Assert.True(IcmpDecoder.TryDecode(icmp, ipv6: false, out var message));

        Assert.Equal(TwoLabels, message.Mpls);
    }

    [Fact]
    public void Icmpv6_counts_its_length_attribute_in_8_byte_words()
    {
        var icmp = TimeExceeded(lengthAttribute: 16, quoteLength: 128, Extension(Entry(299, 7, true, 64)), ipv6: true);

        Assert.Equal([new MplsLabel(299, 7, true, 64)], IcmpExtensions.ReadMpls(icmp.AsSpan(8), icmp[4], ipv6: true));
    }

    [Fact]
    public void A_structure_whose_checksum_does_not_hold_is_ignored()
    {
        var extension = Extension(Entry(24001, 0, true, 1));
        extension[^1] ^= 0x01;
        var icmp = TimeExceeded(lengthAttribute: 0, quoteLength: 128, extension);

        Assert.True(IcmpDecoder.TryDecode(icmp, ipv6: false, out var message));

        Assert.Empty(message.Mpls);
    }

    [Fact]
    public void A_plain_time_exceeded_quoting_only_the_probe_has_no_labels()
    {
        var icmp = Convert.FromHexString("0b000000" + "00000000" + QuotedUdpProbe);

        Assert.True(IcmpDecoder.TryDecode(icmp, ipv6: false, out var message));

        Assert.Empty(message.Mpls);
    }

    [Fact]
    public void A_length_attribute_shorter_than_128_bytes_is_not_rfc_4884_and_gives_no_labels()
    {
        var icmp = TimeExceeded(lengthAttribute: 8, quoteLength: 32, Extension(Entry(24001, 0, true, 1)));

        Assert.Empty(IcmpExtensions.ReadMpls(icmp.AsSpan(8), icmp[5], ipv6: false));
    }

    [Fact]
    public void An_error_queue_quote_that_starts_after_the_ip_and_udp_headers_finds_the_structure_at_byte_100()
    {
        var icmp = TimeExceeded(lengthAttribute: 32, quoteLength: 128, Extension(Entry(24001, 0, false, 1), Entry(16, 5, true, 255)));
        var fromPayload = icmp.AsSpan(8 + 28);

        Assert.Equal(TwoLabels, IcmpExtensions.ReadMplsAfterQuote(fromPayload, quoteOffset: 28));
    }

    [Fact]
    public void Objects_of_other_classes_before_the_label_stack_are_skipped()
    {
        // An interface information object (RFC 5837, class 2) of 8 bytes, then the MPLS stack.
        var mpls = Extension(Entry(42, 0, true, 9));
        byte[] other = [0, 8, 2, 0x0c, 0, 0, 0, 7];
        byte[] structure = [.. mpls[..4], .. other, .. mpls[4..]];
        structure[2] = structure[3] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(structure.AsSpan(2), InternetChecksum.Compute(structure));

        Assert.Equal([new MplsLabel(42, 0, true, 9)], IcmpExtensions.ReadMplsFromStructure(structure));
    }

    [Fact]
    public void An_entry_reads_as_mtr_e_writes_it()
    {
        Assert.Equal("[MPLS: Lbl 24001 TC 5 S 1 TTL 254]", MplsLabel.Read(Entry(24001, 5, true, 254)).ToString());
    }
}
