using System.Net;
using System.Net.Sockets;
using System.Text;
using NetLens.Core;
using NetLens.Core.PortTest;
using NetLens.Linux.Namespaces;

namespace NetLens.Linux.PortTest;

/// <summary>
/// The far side of `port test`: binds the port (dual-stack where the host has IPv6), greets each TCP connection with a line
/// and answers each datagram ("netlens-reply NONCE" to a netlens probe, an echo to anything else).
/// </summary>
public sealed class PortListener : IDisposable
{
    private readonly Socket? _tcp;
    private readonly Socket? _udp;
    private readonly int _port;

    private PortListener(int port, Socket? tcp, Socket? udp)
    {
        _port = port;
        _tcp = tcp;
        _udp = udp;
    }

    /// <summary>Binds now (inside the command's namespace), so a refusal is reported before anything waits.</summary>
    public static PortListener Bind(int port, bool tcp, bool udp, NetworkContext context)
    {
        PortListener Create()
        {
            Socket? t = null, u = null;
            try
            {
                t = tcp ? Open(SocketType.Stream, ProtocolType.Tcp, port) : null;
                t?.Listen(128);
                u = udp ? Open(SocketType.Dgram, ProtocolType.Udp, port) : null;
                return new PortListener(port, t, u);
            }
            catch
            {
                t?.Dispose();
                u?.Dispose();
                throw;
            }
        }

        return context.Run(Create);
    }

    public IEnumerable<string> Bound =>
        new[] { _tcp is null ? null : $"tcp/{_port}", _udp is null ? null : $"udp/{_port}" }.OfType<string>();

    /// <summary>Answers until <paramref name="cancel"/> fires or <paramref name="count"/> events were answered.</summary>
    public async Task<IReadOnlyList<ListenEvent>> RunAsync(int? count, Action<ListenEvent> onEvent, CancellationToken cancel)
    {
        var events = new List<ListenEvent>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        void Record(ListenEvent e)
        {
            lock (events)
            {
                if (count is { } limit && events.Count >= limit)
                {
                    return;
                }

                events.Add(e);
                onEvent(e);
                if (events.Count == count)
                {
                    stop.Cancel();
                }
            }
        }

        var loops = new List<Task>();
        if (_tcp is not null)
        {
            loops.Add(AcceptLoopAsync(_tcp, Record, stop.Token));
        }

        if (_udp is not null)
        {
            loops.Add(AnswerLoopAsync(_udp, Record, stop.Token));
        }

        await Task.WhenAll(loops).ConfigureAwait(false);
        lock (events)
        {
            return [.. events];
        }
    }

    public void Dispose()
    {
        _tcp?.Dispose();
        _udp?.Dispose();
    }

    private async Task AcceptLoopAsync(Socket listener, Action<ListenEvent> record, CancellationToken stop)
    {
        var greeting = Encoding.ASCII.GetBytes($"netlens-listen {_port}\n");
        while (!stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            using (client)
            {
                record(new ListenEvent("tcp", Unmapped((IPEndPoint)client.RemoteEndPoint!), 0, false));
                try
                {
                    client.Send(greeting);
                    client.Shutdown(SocketShutdown.Both);
                }
                catch (SocketException)
                {
                    // the tester may close at once (port test resets after the handshake); the connection was the proof
                }
            }
        }
    }

    private static async Task AnswerLoopAsync(Socket socket, Action<ListenEvent> record, CancellationToken stop)
    {
        var buffer = new byte[65535];
        EndPoint any = socket.AddressFamily == AddressFamily.InterNetworkV6 ? new IPEndPoint(IPAddress.IPv6Any, 0) : new IPEndPoint(IPAddress.Any, 0);
        while (!stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SocketException)
            {
                // an ICMP error for an earlier reply surfaces here; the socket goes on working
                continue;
            }

            var data = buffer.AsSpan(0, received.ReceivedBytes);
            var fromNetlens = data.StartsWith(Encoding.ASCII.GetBytes(PortTestPayload.TestPrefix));
            try
            {
                await socket.SendToAsync(PortTestPayload.Reply(data), SocketFlags.None, received.RemoteEndPoint, stop).ConfigureAwait(false);
            }
            catch (SocketException)
            {
                // the reply could not leave (no route back): the datagram still arrived, which is what is recorded
            }
            catch (OperationCanceledException)
            {
                return;
            }

            record(new ListenEvent("udp", Unmapped((IPEndPoint)received.RemoteEndPoint), received.ReceivedBytes, fromNetlens));
        }
    }

    /// <summary>Dual-stack where IPv6 exists, IPv4 alone where it does not.</summary>
    private static Socket Open(SocketType type, ProtocolType protocol, int port)
    {
        if (Socket.OSSupportsIPv6)
        {
            var socket = new Socket(AddressFamily.InterNetworkV6, type, protocol) { DualMode = true };
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
                return socket;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressNotAvailable or SocketError.AddressFamilyNotSupported)
            {
                socket.Dispose();
            }
            catch (SocketException e)
            {
                socket.Dispose();
                throw BindFailure(e, type, port);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        var v4 = new Socket(AddressFamily.InterNetwork, type, protocol);
        try
        {
            v4.Bind(new IPEndPoint(IPAddress.Any, port));
            return v4;
        }
        catch (SocketException e)
        {
            v4.Dispose();
            throw BindFailure(e, type, port);
        }
    }

    private static Exception BindFailure(SocketException e, SocketType type, int port)
    {
        var name = type == SocketType.Stream ? "tcp" : "udp";
        return e.SocketErrorCode switch
        {
            SocketError.AddressAlreadyInUse => new IOException($"{name}/{port} is already in use (something else listens there: netlens sockets -l shows what)"),
            SocketError.AccessDenied => new MissingPrivilegeException($"binding {name}/{port} needs CAP_NET_BIND_SERVICE (ports below 1024)", "run it with sudo, or choose a port from 1024 up"),
            _ => new IOException($"cannot bind {name}/{port}: {e.Message}"),
        };
    }

    private static IPEndPoint Unmapped(IPEndPoint endpoint) =>
        endpoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endpoint.Address.MapToIPv4(), endpoint.Port) : endpoint;
}
