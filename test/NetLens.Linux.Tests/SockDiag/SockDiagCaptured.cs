using System.Buffers.Binary;
using NetLens.Core.Sockets;
using NetLens.Linux.Netlink;
using NetLens.Linux.SockDiag;

namespace NetLens.Linux.Tests.SockDiag;

/// <summary>Reads Fixtures/sockdiag (captured by capture.sh there): kernel datagrams in hex, the request in a comment, /proc and ss copies.</summary>
internal static class SockDiagCaptured
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", "sockdiag", name);

    public static string Text(string name) => File.ReadAllText(Path(name));

    public static byte[] Request(string name) =>
        Convert.FromHexString(File.ReadLines(Path(name)).Single(l => l.StartsWith("# request: ", StringComparison.Ordinal))["# request: ".Length..]);

    public static List<SocketEntry> Inet(string name, SocketKind kind) =>
        Dump(name, (in NetlinkMessage m) => InetDiagMessage.Decode(m, kind));

    public static List<SocketEntry> Unix(string name) => Dump(name, UnixDiagMessage.Decode);

    /// <summary>Both TCP dumps, as ss -tan lists them (IPv4 then IPv6).</summary>
    public static List<SocketEntry> Tcp() => [.. Inet("tcp4-all.hex", SocketKind.Tcp), .. Inet("tcp6-all.hex", SocketKind.Tcp)];

    private static List<SocketEntry> Dump(string name, MessageDecoder<SocketEntry> decoder)
    {
        var datagrams = File.ReadLines(Path(name)).Where(l => l.Length > 0 && l[0] != '#').Select(Convert.FromHexString).ToList();
        var reader = new NetlinkDumpReader<SocketEntry>(BinaryPrimitives.ReadUInt32LittleEndian(datagrams[0].AsSpan(8)), decoder);
        foreach (var datagram in datagrams)
        {
            reader.Accept(datagram);
        }

        Assert.True(reader.Done);
        return reader.Items;
    }
}
