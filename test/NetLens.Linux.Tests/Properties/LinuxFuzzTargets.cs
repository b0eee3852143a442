using System.Buffers.Binary;
using NetLens.Core.Sockets;
using NetLens.Fuzzing;
using NetLens.Linux.Netlink;
using NetLens.Linux.Probes;
using NetLens.Linux.Routing;
using NetLens.Linux.SockDiag;

namespace NetLens.Linux.Tests.Properties;

/// <summary>
/// The netlink, sock_diag and error-queue decoders as fuzz targets, seeded with the captured datagrams of Fixtures/.
/// A decoder's typed answer to bad bytes is <see cref="InvalidDataException"/> (the dump reader adds <see cref="NetlinkException"/>
/// for a kernel error it carries); the Try-pattern parsers raise nothing.
/// </summary>
internal static class LinuxFuzzTargets
{
    public static IReadOnlyList<FuzzTarget> All { get; } = Build();

    public static FuzzTarget Named(string name) => All.Single(t => t.Name == name);

    private static List<FuzzTarget> Build()
    {
        var routes = Messages("netlink", "route-dump-ipv4.hex", "route-dump-ipv6.hex", "lookup-plain.answer.hex", "lookup-multipath.answer.hex",
            "lookup-mtulock.answer.hex", "lookup-iif.answer.hex", "lookup-ipv6.answer.hex", "lookup-fibmatch.answer.hex", "lookup-selectors.answer.hex",
            "lookup-ipv6-selectors.answer.hex");
        var rules = Messages("netlink", "rule-dump-ipv4.hex", "rule-dump-ipv6.hex");
        var links = Messages("netlink", "link-dump.hex");
        var addresses = Messages("netlink", "addr-dump-ipv4.hex", "addr-dump-ipv6.hex");
        var errors = Messages("netlink", "error-extack.answer.hex", "lookup-unreachable.answer.hex", "lookup-prohibit.answer.hex");
        var tcp = Messages("sockdiag", "tcp4-all.hex", "tcp6-all.hex", "tcp4-bound.hex");
        var udp = Messages("sockdiag", "udp4-all.hex", "udp6-all.hex");
        var unix = Messages("sockdiag", "unix-all.hex");
        var attributes = NetlinkAttributeTokens();
        return
        [
            Decoder("netlink-route", routes, attributes, (in NetlinkMessage m) => RouteMessage.Decode(m.Payload)),
            Decoder("netlink-rule", rules, attributes, (in NetlinkMessage m) => RuleMessage.Decode(m.Payload)),
            Decoder("netlink-link", links, attributes, (in NetlinkMessage m) => LinkMessage.Decode(m.Payload)),
            Decoder("netlink-address", addresses, attributes, (in NetlinkMessage m) => AddressMessage.Decode(m.Payload)),
            Decoder("netlink-neighbour", NeighbourSeeds(), attributes, (in NetlinkMessage m) => NeighbourMessage.Decode(m.Payload)),
            Decoder("netlink-monitor", [.. routes, .. rules, .. addresses], attributes, (in NetlinkMessage m) => RouteMonitorMessage.Decode(m)),
            Decoder("netlink-error", errors, attributes, (in NetlinkMessage m) => NetlinkError.FromError(m)),
            new FuzzTarget("netlink-dump", [.. Datagrams("netlink", "route-dump-ipv4.hex"), .. errors], attributes, Dump, e => e is InvalidDataException or NetlinkException),
            Decoder("inet-diag-tcp", tcp, attributes, (in NetlinkMessage m) => InetDiagMessage.Decode(m, SocketKind.Tcp)),
            Decoder("inet-diag-udp", udp, attributes, (in NetlinkMessage m) => InetDiagMessage.Decode(m, SocketKind.Udp)),
            Decoder("unix-diag", unix, attributes, (in NetlinkMessage m) => UnixDiagMessage.Decode(m)),
            Decoder("packet-diag", [PacketDiagSeed()], attributes, (in NetlinkMessage m) => PacketDiagMessage.Decode(m)),
            Decoder("netlink-diag", [NetlinkDiagSeed()], attributes, (in NetlinkMessage m) => NetlinkDiagMessage.Decode(m)),
            new FuzzTarget("recverr-cmsg", [Hex("probes", "recverr-ipv4-port-unreachable.hex"), Hex("probes", "recverr-ipv6-port-unreachable.hex")], [],
                bytes => ExtendedErrorParser.TryParse(bytes, out _), FuzzTarget.NeverThrows),
        ];
    }

    private delegate object? Decode(in NetlinkMessage message);

    /// <summary>Every message of the input goes to the decoder whatever its type, so mutated types still reach the payload code.</summary>
    private static FuzzTarget Decoder(string name, List<byte[]> seeds, IReadOnlyList<byte[]> tokens, Decode decode) =>
        new(name, seeds, tokens, bytes =>
        {
            foreach (var message in new NetlinkMessageReader(bytes))
            {
                decode(message);
            }
        }, e => e is InvalidDataException);

    private static void Dump(byte[] datagram)
    {
        var sequence = datagram.Length >= 12 ? BinaryPrimitives.ReadUInt32LittleEndian(datagram.AsSpan(8)) : 0;
        new NetlinkDumpReader<Core.Routing.Route>(sequence, RouteMessage.DecodeForDump).Accept(datagram);
    }

    /// <summary>Each netlink message of the fixtures on its own: small seeds, and splices mix messages of different dumps.</summary>
    private static List<byte[]> Messages(string folder, params string[] names)
    {
        var messages = new List<byte[]>();
        foreach (var datagram in Datagrams(folder, names))
        {
            var rest = datagram.AsSpan();
            while (rest.Length >= NetlinkConstants.HeaderLength)
            {
                var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(rest);
                if (length < NetlinkConstants.HeaderLength || length > rest.Length)
                {
                    break;
                }

                messages.Add(rest[..length].ToArray());
                rest = rest[Math.Min(rest.Length, NetlinkConstants.Align(length))..];
            }
        }

        return messages;
    }

    private static IEnumerable<byte[]> Datagrams(string folder, params string[] names) =>
        names.SelectMany(name => File.ReadLines(FixturePath(folder, name)))
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line => Convert.FromHexString(line.Trim()));

    private static byte[] Hex(string folder, string name) => Datagrams(folder, name).Single();

    private static string FixturePath(string folder, string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", folder, name);

    /// <summary>Attribute headers with lengths that are short, exact, long and zero, for splicing into TLV runs.</summary>
    private static List<byte[]> NetlinkAttributeTokens()
    {
        var tokens = new List<byte[]>();
        foreach (var length in new ushort[] { 0, 3, 4, 5, 8, 12, 20, 0xffff })
        {
            foreach (var type in new ushort[] { 1, 2, 3, 4, 5, 8, 9, 12, 15, 22, 0x8000 | 3 })
            {
                var token = new byte[4];
                BinaryPrimitives.WriteUInt16LittleEndian(token, length);
                BinaryPrimitives.WriteUInt16LittleEndian(token.AsSpan(2), type);
                tokens.Add(token);
            }
        }

        return tokens;
    }

    private static byte[] Message(ushort type, string payloadHex)
    {
        var payload = Convert.FromHexString(payloadHex);
        var message = new byte[NetlinkConstants.HeaderLength + payload.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(message, (uint)message.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(4), type);
        BinaryPrimitives.WriteUInt32LittleEndian(message.AsSpan(8), 1);
        payload.CopyTo(message, NetlinkConstants.HeaderLength);
        return message;
    }

    /// <summary>RTM_NEWNEIGH as NeighbourMessageTests lays them out (no captured dump holds one).</summary>
    private static List<byte[]> NeighbourSeeds() =>
    [
        Message(Rtnetlink.RTM_NEWNEIGH, "020000000700000002000001" + "08000100c6120902" + "0a0002000242ac1100020000" + "14000300960000000a0000000500000001000000"),
        Message(Rtnetlink.RTM_NEWNEIGH, "0a00000003000000200000011400010020010db8000900000000000000000003"),
    ];

    private static byte[] PacketDiagSeed() => Message(SockDiagConstants.SOCK_DIAG_BY_FAMILY,
        "1102DD86393000000100000000000000" + "1C000000" + "01000000" + "00000000" + "00000000" + "00000000" + "00000000" + "00000000"
        + "08000500" + "E8030000" + "28000600" + "00020000" + string.Concat(Enumerable.Repeat("00000000", 8)));

    private static byte[] NetlinkDiagSeed() => Message(SockDiagConstants.SOCK_DIAG_BY_FAMILY,
        "10031001D2040000000000000000000009000000" + "0000000000000000");
}
