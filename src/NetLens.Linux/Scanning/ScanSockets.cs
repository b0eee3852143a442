using System.Net.Sockets;
using NetLens.Linux.Namespaces;

namespace NetLens.Linux.Scanning;

/// <summary>Makes the TCP sockets a connect scan probes with, inside a chosen network namespace when asked.</summary>
public static class ScanSockets
{
    /// <summary>A socket made inside the namespace stays there, whichever thread later connects it.</summary>
    public static Func<AddressFamily, Socket> Factory(string? netns) =>
        netns is null ? Create : family => NetworkContext.For(netns).Run(() => Create(family));

    private static Socket Create(AddressFamily family)
    {
        var socket = new Socket(family, SocketType.Stream, ProtocolType.Tcp);

        // close with RST, not FIN: no TIME-WAIT pile on either side after thousands of probes
        socket.LingerState = new LingerOption(true, 0);
        return socket;
    }
}
