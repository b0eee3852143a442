using System.Net.Sockets;
using NetLens.Linux.Namespaces;
using NetLens.Linux.Probes;

namespace NetLens.Linux.Scanning;

/// <summary>Makes the UDP sockets a UDP scan probes with (one per probe), inside a chosen network namespace when asked.</summary>
public static class UdpScanSockets
{
    /// <summary>A socket made inside the namespace stays there, whichever thread later sends on it.</summary>
    public static Func<AddressFamily, Socket> Factory(string? netns) =>
        netns is null ? Create : family => NetworkContext.For(netns).Run(() => Create(family));

    private static Socket Create(AddressFamily family)
    {
        var socket = new Socket(family, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            // IP_RECVERR: the ICMP error our probe draws is queued with its type and code, not folded into ECONNREFUSED
            ErrorQueue.Enable(socket, family == AddressFamily.InterNetworkV6);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
