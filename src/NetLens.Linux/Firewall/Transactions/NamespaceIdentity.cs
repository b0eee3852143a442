using System.Globalization;
using System.Net.Sockets;
using NetLens.Core.Firewall.Transactions;
using NetLens.Linux.Namespaces;

namespace NetLens.Linux.Firewall.Transactions;

/// <summary>Which network namespace a change works in: the journal written there is replayed there and nowhere else.</summary>
public static class NamespaceIdentity
{
    // SO_NETNS_COOKIE (asm-generic/socket.h, Linux 5.14): a 64-bit id the kernel never gives to a second namespace
    private const int SoNetnsCookie = 71;
    private const int SolSocket = 1;

    public static NamespaceId Read(string? netns) => netns is { } ns ? NetworkContext.For(ns).Run(Current) : Current();

    private static NamespaceId Current()
    {
        // thread-self: only this thread entered the namespace
        var link = new FileInfo("/proc/thread-self/ns/net").LinkTarget ?? throw new IOException("cannot read /proc/thread-self/ns/net");
        var inode = ulong.Parse(link.AsSpan()[(link.IndexOf('[', StringComparison.Ordinal) + 1)..^1], CultureInfo.InvariantCulture);
        return new NamespaceId(inode, Cookie());
    }

    private static ulong Cookie()
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            Span<byte> value = stackalloc byte[8];
            return socket.GetRawSocketOption(SolSocket, SoNetnsCookie, value) == 8 ? BitConverter.ToUInt64(value) : 0;
        }
        catch (SocketException)
        {
            return 0;
        }
    }
}
