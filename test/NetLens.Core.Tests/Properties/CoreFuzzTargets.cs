using System.Buffers.Binary;
using System.Net.Sockets;
using NetLens.Core.Addressing;
using NetLens.Core.Firewall.Evaluation;
using NetLens.Core.Firewall.Planning;
using NetLens.Core.Firewall.Rulesets;
using NetLens.Core.Firewall.Spec;
using NetLens.Core.Probing;
using NetLens.Core.Routing.Names;
using NetLens.Core.Scanning;
using NetLens.Core.Services;
using NetLens.Core.Sockets;
using NetLens.Fuzzing;

namespace NetLens.Core.Tests.Properties;

/// <summary>
/// The parsers and decoders of NetLens.Core as fuzz targets. A text parser's typed answer to bad input is
/// <see cref="UsageException"/> (one line, exit 2), of a reader of a tool's output <see cref="InvalidDataException"/>; the wire decoders are of the Try pattern and raise nothing.
/// Seeds are the fixtures and the strings the unit tests use.
/// </summary>
internal static class CoreFuzzTargets
{
    public static IReadOnlyList<FuzzTarget> All { get; } = Build();

    public static FuzzTarget Named(string name) => All.Single(t => t.Name == name);

    private static bool IsUsage(Exception e) => e is UsageException;

    private static List<FuzzTarget> Build()
    {
        var icmp = IcmpSeeds();
        var iptables = IptablesSeeds();
        var nft = new[] { Fixture("nft-ruleset.json"), Fixture("nft-mixed.json") };
        var ports = new[] { "0", "1-3", "-3", "65534-", "-", "80,1000-1002,22,80", "22,80,443", "1-65535", "8472" };
        return
        [
            new FuzzTarget("icmp", icmp, MplsTokens(), bytes =>
            {
                IcmpDecoder.TryDecode(bytes, ipv6: false, out _);
                IcmpDecoder.TryDecode(bytes, ipv6: true, out _);
                IcmpDecoder.TryDecodeIpv4Packet(bytes, out _, out _);
            }, FuzzTarget.NeverThrows),
            new FuzzTarget("icmp-quote", [.. icmp.Where(s => s.Length > 8).Select(s => s[8..])], [], bytes => IcmpDecoder.TryDecodeQuote(bytes, out _), FuzzTarget.NeverThrows),
            new FuzzTarget("icmp-extensions", [Mpls(Entry(24001, 0, false, 1), Entry(16, 5, true, 255)), Mpls(Entry(3, 0, true, 1))], MplsTokens(), bytes =>
            {
                IcmpExtensions.ReadMplsFromStructure(bytes);
                IcmpExtensions.ReadMplsAfterQuote(bytes, bytes.Length == 0 ? 0 : bytes[0]);
                IcmpExtensions.ReadMpls(bytes, bytes.Length == 0 ? (byte)0 : bytes[^1], ipv6: bytes.Length % 2 == 0);
            }, FuzzTarget.NeverThrows),
            new FuzzTarget("tcp-segment", TcpSeeds(), [], bytes =>
            {
                TcpSegmentHeader.TryRead(bytes, out _);
                TcpReply.TryRead(bytes, out _);
                TcpReply.TryReadIpv4(bytes, out _, out _);
            }, FuzzTarget.NeverThrows),
            FuzzTarget.Text("nft-json", nft, JsonTokens(), json => NftJsonParser.Parse(json), IsUsage),
            FuzzTarget.Text("nft-facts", nft, JsonTokens(), json => new FirewallFacts(NftJsonParser.Parse(json, NftJsonParser.TableNames(json))), IsUsage),
            FuzzTarget.Text("iptables-save", iptables, IptablesTokens(), text => IptablesSaveParser.Parse(text, AddressFamily.InterNetwork, "iptables-save"), IsUsage),
            FuzzTarget.Text("iptables-facts", iptables, IptablesTokens(), text => new FirewallFacts(IptablesSaveParser.Parse(text, AddressFamily.InterNetworkV6, "iptables-legacy")), IsUsage),
            FuzzTarget.Text("saved-ruleset", [.. iptables, .. nft], [.. IptablesTokens(), .. JsonTokens()], text => SavedRulesetParser.Parse(text), IsUsage),
            FuzzTarget.Text("scan-port-spec", ports, [",", "-", "65535", "65536", "99999999999"], text => PortSpecParser.Parse(text), IsUsage),
            FuzzTarget.Text("scan-udp-port-spec", ["T:22", "T:22,80-81,U:53,161", "u:53", "U:1-3,T:80"], ["T:", "U:", ",", "-"], text => UdpPortSpec.Parse(text), IsUsage),
            FuzzTarget.Text("port-spec", ["8472/udp", "443,80,10000-10999,10500-11000,81/tcp", "otv/UDP", "ssh", "10000-10999/tcp"], ["/tcp", "/udp", ",", "-"],
                text => FirewallPortSpec.Parse(text), IsUsage),
            FuzzTarget.Text("check-port-spec", ["8472/udp", "8472", "ssh", "ssh/tcp", "53/UDP"], ["/tcp", "/udp", "ssh"],
                text => CheckedPort.Resolve(text, CheckServices, "services"), IsUsage),
            FuzzTarget.Text("scan-target", ["198.18.0.1", "198.18.0.0/15", "198.18.0.1-2", "198.18.4.*", "2001:db8::/32", "lab.example", "c3.domain.com", "198.18.1-3.4,5"],
                ["/", "*", "-", ",", "::", ".", "%"], text => TargetParser.Parse(text), IsUsage),
            FuzzTarget.Text("ss-filter", SsFilterSeeds(), ["(", ")", "and", "or", "not", "state", "sport", "dport", "src", "dst", ":", "=", "!=", ">=", "[", "]", " "],
                text => SocketFilterParser.Parse(text.Split(' ')), IsUsage),
            FuzzTarget.Text("ip-prefix", ["198.18.0.0/15", "2001:db8::/32", "198.18.0.1", "::/0"], ["/", ":", "%"], text => IpPrefix.TryParse(text, out _), FuzzTarget.NeverThrows),
            FuzzTarget.Text("name-file", ["255\tlocal\n254\tmain\n253\tdefault\n0\tunspec\n#\n1\tinr.ruhep\n", "0x10 vpn\n# comment\n300 big\n"], ["\n", "\t", "#", "0x"],
                text => NameFileParser.Merge(new NameTable(), text, 255), FuzzTarget.NeverThrows),
            FuzzTarget.Text("services-file", ["ssh\t\t22/tcp\nssh 22/udp\notv 8472/udp # OTV\ndomain 53/tcp dns\n"], ["\n", "/", "#", "\t", "tcp", "udp"],
                text => ServicesTable.Parse(text.Split('\n')), FuzzTarget.NeverThrows),
        ];
    }

    private static readonly ServicesTable CheckServices = ServicesTable.Parse(["ssh 22/tcp", "ssh 22/udp", "domain 53/udp", "domain 53/tcp", "domain 53/sctp"]);

    internal static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "firewall", name));

    private static List<string> IptablesSeeds() =>
    [
        Fixture("iptables-save.txt"),
        """
        *filter
        :INPUT DROP [12:720]
        :SVC - [0:0]
        -A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
        -A INPUT -s 198.18.0.0/255.255.255.0 -j SVC
        -A INPUT -p udp -m multiport --dports 53,1000:1010 -m comment --comment "dns and \"friends\"" -j ACCEPT
        -A INPUT ! -s 10.0.0.0/8 -p tcp -m tcp ! --dport 23 -m state --state NEW -j LOG --log-prefix "new: "
        -A INPUT -i eth+ -p tcp -m tcp --dport 2222 -j REJECT --reject-with tcp-reset
        -A SVC -p tcp -m tcp --dport 8000:9999 -j ACCEPT
        COMMIT
        """,
        "*nat\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -j DROP\nCOMMIT\n",
        "*filter\n:INPUT DROP [0:0]\n:ufw-user-input - [0:0]\n-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT\nCOMMIT\n",
    ];

    private static string[] IptablesTokens() =>
        ["\n", "*filter\n", "COMMIT\n", ":INPUT DROP [0:0]\n", "-A INPUT ", "-j ", "ACCEPT", "DROP", "RETURN", "-p tcp ", "-m multiport --dports ", "--dport ", "!", "\"",
            "-s ", "/", ":", ",", "--comment ", "-m conntrack --ctstate ", "-i ", "+", "\\"];

    private static string[] JsonTokens() =>
        ["{", "}", "[", "]", ",", ":", "\"", "null", "true", "0", "-1", "1e999", "\"nftables\"", "\"chain\"", "\"rule\"", "\"expr\"", "\"match\"", "\"handle\"", "\"set\"",
            "\"family\"", "\"table\"", "\"policy\"", "\"drop\"", "\"accept\"", "\"left\"", "\"right\"", "\"range\"", "\"prefix\"", "\"payload\"", "\"jump\"", "\"goto\""];

    private static List<string> SsFilterSeeds() =>
    [
        "dport = :443", "sport >= :1024", "sport lt :1024", "sport != :22", "( sport eq :22 or sport eq :80 )", "not sport = :80", "sport>:1000",
        "src 198.18.0.0/15", "dst [2001:db8::2]:443", "src 198.18.0.1 dport = :80", "state established", "state established state time-wait",
        "exclude listening", "dst 198.18.0.2:ssh", "dport = :http",
    ];

    // Outer IPv4 header 198.18.1.2 -> 198.18.0.1, a quoted UDP probe 198.18.0.1 -> 198.18.4.2 and its header and sequence.
    private const string OuterIpv4 = "45000038abcd00004001" + "0000" + "c6120102" + "c6120001";
    private const string QuotedUdpIpv4 = "4500001e1234400001110000" + "c6120001" + "c6120402";
    private const string QuotedUdp = "9c40829a000aabcd" + "0005";
    private const string QuotedIpv6 = "60000000000a1101" + "20010db8000000000000000000000001" + "20010db8000400000000000000000002";

    private static List<byte[]> IcmpSeeds()
    {
        var padded = new byte[128];
        Convert.FromHexString(QuotedUdpIpv4 + QuotedUdp).CopyTo(padded, 0);
        var mpls = Mpls(Entry(24001, 0, false, 1), Entry(16, 5, true, 255));
        return
        [
            Convert.FromHexString("0b000000" + "00000000" + QuotedUdpIpv4 + QuotedUdp),
            Convert.FromHexString(OuterIpv4 + "0b000000" + "00000000" + QuotedUdpIpv4 + QuotedUdp),
            Convert.FromHexString("00000000" + "4242" + "0009" + "6162"),
            Convert.FromHexString("0303" + "0000" + "00000000" + "4500001c12344000010100" + "00" + "c6120001" + "c6120402" + "0800f7fe00010001"),
            Convert.FromHexString("0b000000" + "00000000" + QuotedUdpIpv4 + "9c40829a" + "00000001"),
            Convert.FromHexString("03000000" + "00000000" + QuotedIpv6 + QuotedUdp),
            Convert.FromHexString("81000000" + "12340007"),
            [.. Convert.FromHexString("0b000000" + "00200000"), .. padded, .. mpls],
            [.. Convert.FromHexString("0b000000" + "00000000"), .. padded, .. mpls],
            [.. Convert.FromHexString("03000000" + "10000000"), .. padded, .. mpls],
        ];
    }

    /// <summary>TCP segments: a SYN-ACK, an RST and the same SYN-ACK behind an IPv4 header.</summary>
    private static List<byte[]> TcpSeeds()
    {
        var synAck = Convert.FromHexString("01bbc35000000064000003e9" + "7012ffff00000000" + "020405b401030307");
        var rst = Convert.FromHexString("01bbc35000000000000003e9" + "50140000" + "00000000");
        var ip = Convert.FromHexString("45000030abcd00004006" + "0000" + "c6120402" + "c6120001");
        return [synAck, rst, [.. ip, .. synAck]];
    }

    /// <summary>RFC 3032 §2.1 entry: label 20 bits, TC 3, S 1, TTL 8.</summary>
    internal static uint Entry(uint label, uint trafficClass, bool bottom, uint ttl) => (label << 12) | (trafficClass << 9) | ((bottom ? 1u : 0u) << 8) | ttl;

    /// <summary>An RFC 4884 extension structure (version 2, checksum over it) holding one RFC 4950 MPLS object.</summary>
    internal static byte[] Mpls(params uint[] entries)
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

    private static List<byte[]> MplsTokens() => [[0x20, 0, 0, 0], [0, 8, 1, 1], [0, 4, 1, 1], [0xff, 0xff, 1, 1], [0, 0, 0, 0]];
}
