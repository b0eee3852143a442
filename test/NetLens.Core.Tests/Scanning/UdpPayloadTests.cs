using System.Buffers.Binary;
using System.Net;
using System.Text;
using NetLens.Core.Scanning;

namespace NetLens.Core.Tests.Scanning;

/// <summary>Each payload byte for byte, as its RFC lays the message out.</summary>
public class UdpPayloadTests
{
    [Fact]
    public void Dns_query_asks_for_the_root_zones_name_servers_without_recursion()
    {
        var query = UdpDnsQuery.Build(0xBEEF);

        Assert.Equal(
            [
                0xBE, 0xEF, // ID
                0x00, 0x00, // QR=0 opcode=0 AA TC RD RA clear, RCODE 0
                0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // QDCOUNT 1, AN/NS/AR 0
                0x00, // QNAME: the root, a zero-length label
                0x00, 0x02, // QTYPE NS
                0x00, 0x01, // QCLASS IN
            ],
            query);
    }

    [Fact]
    public void Ntp_request_is_48_bytes_version_4_client_mode_with_the_transmit_timestamp()
    {
        var request = UdpNtpRequest.Build(0x0102030405060708);

        Assert.Equal(48, request.Length);
        Assert.Equal(0b00_100_011, request[0]); // LI 0, VN 4, mode 3
        Assert.Equal(0x0102030405060708UL, BinaryPrimitives.ReadUInt64BigEndian(request.AsSpan(40)));
        Assert.All(request[1..40], b => Assert.Equal(0, b));
    }

    [Fact]
    public void Snmp_get_request_for_sysdescr_with_community_public_is_the_ber_of_rfc_1157()
    {
        var request = UdpSnmpGetRequest.Build(0x1234);

        byte[] expected =
        [
            0x30, 0x27, // Message SEQUENCE
            0x02, 0x01, 0x00, // version 0 = SNMPv1
            0x04, 0x06, .. "public"u8, // community
            0xA0, 0x1A, // GetRequest-PDU
            0x02, 0x02, 0x12, 0x34, // request-id
            0x02, 0x01, 0x00, // error-status
            0x02, 0x01, 0x00, // error-index
            0x30, 0x0E, // VarBindList
            0x30, 0x0C, // VarBind
            0x06, 0x08, 0x2B, 0x06, 0x01, 0x02, 0x01, 0x01, 0x01, 0x00, // 1.3.6.1.2.1.1.1.0
            0x05, 0x00, // NULL value
        ];
        Assert.Equal(expected, request);
    }

    [Theory]
    [InlineData(0, new byte[] { 0x02, 0x01, 0x00 })]
    [InlineData(127, new byte[] { 0x02, 0x01, 0x7F })]
    [InlineData(128, new byte[] { 0x02, 0x02, 0x00, 0x80 })]
    [InlineData(-1, new byte[] { 0x02, 0x01, 0xFF })]
    [InlineData(-129, new byte[] { 0x02, 0x02, 0xFF, 0x7F })]
    [InlineData(0x12345678, new byte[] { 0x02, 0x04, 0x12, 0x34, 0x56, 0x78 })]
    public void Ber_integers_take_the_fewest_twos_complement_bytes(int value, byte[] expected)
    {
        Assert.Equal(expected, UdpSnmpGetRequest.BerInteger(value));
    }

    [Fact]
    public void Ber_lengths_past_127_take_the_long_form()
    {
        var tlv = UdpSnmpGetRequest.Tlv(0x04, new byte[300]);

        Assert.Equal([0x04, 0x82, 0x01, 0x2C], tlv[..4]);
        Assert.Equal(304, tlv.Length);
    }

    [Fact]
    public void Netbios_node_status_request_asks_for_the_wildcard_name()
    {
        var query = UdpNetbiosStatusQuery.Build(0x0A0B);

        Assert.Equal(50, query.Length);
        Assert.Equal([0x0A, 0x0B, 0x00, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0], query[..12]);
        Assert.Equal(0x20, query[12]); // a 32-byte label
        Assert.Equal("CK" + string.Concat(Enumerable.Repeat("AA", 15)), Encoding.ASCII.GetString(query, 13, 32)); // '*' = 0x2A, then 15 NULs
        Assert.Equal([0x00, 0x00, 0x21, 0x00, 0x01], query[45..]); // end of name, NBSTAT, IN
    }

    [Fact]
    public void Ssdp_search_is_a_unicast_m_search_naming_the_host()
    {
        Assert.Equal(
            "M-SEARCH * HTTP/1.1\r\nHOST: 198.18.12.2:1900\r\nMAN: \"ssdp:discover\"\r\nST: ssdp:all\r\n\r\n",
            Encoding.ASCII.GetString(UdpSsdpSearch.Build(IPAddress.Parse("198.18.12.2"))));
        Assert.Contains("HOST: [2001:db8::2]:1900\r\n", Encoding.ASCII.GetString(UdpSsdpSearch.Build(IPAddress.Parse("2001:db8::2"))), StringComparison.Ordinal);
    }

    [Fact]
    public void Rpc_null_call_is_ten_xdr_words()
    {
        var call = UdpRpcNullCall.Build(0x11223344, UdpRpcNullCall.PortmapperProgram, 2);

        var words = Enumerable.Range(0, 10).Select(i => BinaryPrimitives.ReadUInt32BigEndian(call.AsSpan(i * 4))).ToArray();
        Assert.Equal([0x11223344u, 0u /* CALL */, 2u /* RPC v2 */, 100000u, 2u, 0u /* NULL */, 0u, 0u, 0u, 0u], words);
    }

    [Theory]
    [InlineData(53, 17)]
    [InlineData(5353, 17)]
    [InlineData(123, 48)]
    [InlineData(161, 40)] // request id 1 takes one byte
    [InlineData(137, 50)]
    [InlineData(111, 40)]
    [InlineData(2049, 40)]
    [InlineData(514, 0)]
    [InlineData(7, 0)]
    public void Each_well_known_port_gets_its_request_and_others_an_empty_datagram(int port, int length)
    {
        Assert.Equal(length, UdpPayloads.For(port, IPAddress.Parse("198.18.12.2"), 1).Length);
    }
}

/// <summary>The built-in UDP list -sU scans by default.</summary>
public class UdpPortRankingTests
{
    [Fact]
    public void The_udp_list_leads_with_dns_ntp_and_snmp_and_names_its_ports()
    {
        var ranking = PortRanking.BuiltInUdp;

        Assert.Equal([53, 123, 161], ranking.Ports.Take(3));
        Assert.Equal(ranking.Ports.Count, ranking.Ports.Distinct().Count());
        Assert.Equal("otv", ranking.Names[8472]);
        Assert.All(UdpPayloads.Known, port => Assert.Contains(port, ranking.Ports));
    }
}
