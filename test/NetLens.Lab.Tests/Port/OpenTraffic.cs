using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using NetLens.Linux.Namespaces;

namespace NetLens.Lab.Tests.Port;

/// <summary>TCP and UDP listeners on one port inside a namespace (dual-stack): the far end real traffic must reach.</summary>
public sealed class OpenListeners(Socket tcp, Socket udp) : IDisposable
{
    public Socket Tcp { get; } = tcp;

    public Socket Udp { get; } = udp;

    public void Dispose()
    {
        Tcp.Dispose();
        Udp.Dispose();
    }
}

/// <summary>
/// Real traffic from one namespace to another. "Passes" is a fact (a handshake completed, a datagram arrived with the
/// payload sent); "blocked" is the absence of that within a wait far beyond a veth round trip, even on a loaded machine.
/// </summary>
public static class OpenTraffic
{
    private static readonly TimeSpan BlockedWait = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan PassWait = TimeSpan.FromSeconds(10);

    public static OpenListeners Listen(string netns, int port) => NetworkNamespace.Run(netns, () =>
    {
        var tcp = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = true };
        tcp.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
        tcp.Listen(64);
        var udp = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp) { DualMode = true };
        udp.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
        return new OpenListeners(tcp, udp);
    });

    /// <summary>True when a TCP handshake from <paramref name="fromNetns"/> completes (the listener's backlog answers, no accept needed).</summary>
    public static bool TcpPasses(string fromNetns, IPAddress to, int port, bool expectPass)
    {
        using var socket = NetworkNamespace.Run(fromNetns, () => new Socket(to.AddressFamily, SocketType.Stream, ProtocolType.Tcp));
        using var timeout = new CancellationTokenSource(expectPass ? PassWait : BlockedWait);
        try
        {
            socket.ConnectAsync(new IPEndPoint(to, port), timeout.Token).AsTask().GetAwaiter().GetResult();
            return true;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException)
        {
            return false;
        }
    }

    /// <summary>True when a datagram sent from <paramref name="fromNetns"/> arrives at <paramref name="listener"/> with its payload.</summary>
    public static bool UdpPasses(string fromNetns, IPAddress to, int port, Socket listener, bool expectPass)
    {
        Drain(listener);
        var payload = Guid.NewGuid().ToByteArray();
        using (var socket = NetworkNamespace.Run(fromNetns, () => new Socket(to.AddressFamily, SocketType.Dgram, ProtocolType.Udp)))
        {
            // three copies: one datagram is all it takes, and veth does not lose them, but a dropped first one must not decide
            for (var i = 0; i < 3; i++)
            {
                socket.SendTo(payload, new IPEndPoint(to, port));
            }
        }

        var wait = expectPass ? PassWait : BlockedWait;
        var watch = Stopwatch.StartNew();
        var buffer = new byte[64];
        while (watch.Elapsed < wait)
        {
            if (listener.Poll(TimeSpan.FromMilliseconds(100), SelectMode.SelectRead))
            {
                var n = listener.Receive(buffer);
                if (buffer.AsSpan(0, n).SequenceEqual(payload))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static void Drain(Socket listener)
    {
        var buffer = new byte[64];
        while (listener.Available > 0)
        {
            listener.Receive(buffer);
        }
    }
}
