using System.Net;
using CsCheck;
using NetLens.Core.Addressing;
using NetLens.Core.Firewall.Spec;
using NetLens.Core.Probing;
using NetLens.Core.Scanning;

namespace NetLens.Core.Tests.Properties;

/// <summary>Where Core writes what it also reads, what is written reads back the same.</summary>
public class CoreRoundTripProperties
{
    private const int Cases = 1000;

    private static readonly Gen<MplsLabel> Label =
        Gen.Select(Gen.UInt[0, 0xFFFFF], Gen.Byte[0, 7], Gen.Byte, (label, trafficClass, ttl) => new MplsLabel(label, trafficClass, false, ttl));

    private static readonly Gen<IPAddress> Address = Gen.OneOf(Gen.Byte.Array[4], Gen.Byte.Array[16]).Select(b => new IPAddress(b));

    private static readonly Gen<PortRange> Range =
        Gen.Select(Gen.Int[1, PortRange.MaxPort], Gen.Int[0, 2000], (low, width) => new PortRange(low, Math.Min(PortRange.MaxPort, low + width)));

    [Fact]
    public void An_mpls_label_stack_written_as_an_rfc_4884_structure_reads_back_in_order()
    {
        Label.Array[1, 8].Sample(labels =>
        {
            labels[^1] = labels[^1] with { BottomOfStack = true };
            var structure = CoreFuzzTargets.Mpls([.. labels.Select(l => CoreFuzzTargets.Entry(l.Label, l.TrafficClass, l.BottomOfStack, l.Ttl))]);

            Assert.Equal(labels, IcmpExtensions.ReadMplsFromStructure(structure));
        }, iter: Cases);
    }

    [Fact]
    public void An_echo_request_answered_in_kind_decodes_with_its_identifier_sequence_and_payload()
    {
        Gen.Select(Gen.Bool, Gen.UShort, Gen.UShort, Gen.Byte.Array[0, 64]).Sample((ipv6, identifier, sequence, payload) =>
        {
            var packet = new byte[IcmpEchoRequest.HeaderLength + payload.Length];
            IcmpEchoRequest.Write(packet, ipv6, identifier, sequence, payload);
            packet[0] = ipv6 ? IcmpTypes.V6EchoReply : IcmpTypes.V4EchoReply;

            Assert.True(IcmpDecoder.TryDecode(packet, ipv6, out var reply));
            Assert.Equal((IcmpMessageKind.EchoReply, identifier, sequence), (reply.Kind, reply.Identifier, reply.Sequence));
            Assert.Equal(payload, reply.Payload);
        }, iter: Cases);
    }

    [Fact]
    public void A_syn_probe_reads_back_with_its_ports_and_sequence()
    {
        Gen.Select(Gen.UShort, Gen.UShort, Gen.UInt, Gen.Bool).Sample((sourcePort, destinationPort, sequence, ipv6) =>
        {
            var (source, destination) = ipv6
                ? (IPAddress.Parse("2001:db8::1"), IPAddress.Parse("2001:db8::2"))
                : (IPAddress.Parse("198.18.0.1"), IPAddress.Parse("198.18.0.2"));
            var segment = new byte[TcpSynProbe.Length];
            TcpSynProbe.Write(segment, source, destination, sourcePort, destinationPort, sequence);

            Assert.True(TcpSegmentHeader.TryRead(segment, out var header));
            Assert.Equal((sourcePort, destinationPort, sequence), (header.SourcePort, header.DestinationPort, header.Sequence));
            Assert.True(header.Flags.HasFlag(TcpFlags.Syn));
        }, iter: Cases);
    }

    [Fact]
    public void A_prefix_printed_parses_back_to_itself()
    {
        Gen.Select(Address, Gen.Int[0, 128]).Sample((address, length) =>
        {
            var prefix = new IpPrefix(address, Math.Min(length, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));

            Assert.True(IpPrefix.TryParse(prefix.ToString(), out var parsed));
            Assert.Equal(prefix, parsed);
        }, iter: Cases);
    }

    [Fact]
    public void A_port_spec_of_normalized_ranges_parses_back_to_them()
    {
        Gen.Select(Range.Array[1, 6], Gen.Bool).Sample((ranges, udp) =>
        {
            var normalized = PortRange.Normalize(ranges);
            var protocol = udp ? FirewallProtocol.Udp : FirewallProtocol.Tcp;

            var spec = FirewallPortSpec.Parse($"{PortRange.Join(normalized)}/{protocol.Word()}");

            Assert.Equal(normalized, spec.Ranges);
            Assert.Equal(protocol, spec.Protocol);
        }, iter: Cases);
    }

    [Fact]
    public void A_scan_port_list_parses_to_its_ports_sorted_and_distinct()
    {
        Gen.Int[1, PortSpecParser.MaxPort].Array[1, 20].Sample(ports =>
        {
            Assert.Equal(ports.Distinct().Order(), PortSpecParser.Parse(string.Join(',', ports)));
        }, iter: Cases);
    }
}
