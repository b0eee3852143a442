using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using NetLens.Core.Probing;
using NetLens.Core.Trace;
using NetLens.Linux.Namespaces;

namespace NetLens.Linux.Probes;

/// <summary>
/// Unprivileged TCP probes: one nonblocking connect() per probe with its TTL (IP_TTL / IPV6_UNICAST_HOPS) and
/// IP_RECVERR, so a router's time exceeded lands in that socket's error queue (the kernel finds the socket by the ports
/// and sequence the ICMP quotes). The destination answers with a SYN-ACK (connect succeeds) or a RST (ECONNREFUSED);
/// connections are closed with a RST at once. Each TTL and flow keeps its source port from round to round when the
/// port is free again, so a hop sees one flow throughout (different TTLs have different ports: concurrent connects
/// cannot share one four-tuple).
/// </summary>
public sealed class TcpConnectProber : PacedProber
{
    private const int ECONNREFUSED = 111;
    private const int SO_ERROR = 4;
    private const int SOL_SOCKET = 1;

    private readonly Func<Socket> _newSocket;
    private readonly IPEndPoint _target;
    private readonly bool _ipv6;
    private readonly Dictionary<int, InFlight> _inFlight = [];
    private readonly Dictionary<(int Ttl, int Flow), int> _ports = [];
    private readonly List<ProbeReply> _answeredAtSend = [];
    private readonly List<Socket> _pollSet = [];
    private readonly List<int> _pollKeys = [];
    private short[] _ready = new short[16];

    private TcpConnectProber(Func<Socket> newSocket, IPEndPoint target, int flows)
        : base([.. Enumerable.Range(0, flows).Select(_ => new TraceFlow { Protocol = ProbeProtocol.Tcp, Target = target.Address, DestinationPort = (ushort)target.Port })])
    {
        _newSocket = newSocket;
        _target = target;
        _ipv6 = target.AddressFamily == AddressFamily.InterNetworkV6;
    }

    public override ProbeMechanism Mechanism => ProbeMechanism.TcpConnect;

    /// <summary>
    /// The kernel resends an unanswered SYN after its initial RTO (1 s, RFC 6298); an answer after that may be to the
    /// resend, so a probe is not waited for longer.
    /// </summary>
    protected override TimeSpan? LongestWait => TimeSpan.FromSeconds(1);

    /// <summary>Probes are opened inside <paramref name="netns"/> when given (each socket stays there).</summary>
    public static TcpConnectProber Open(IPAddress target, ushort port, string? netns = null, int flows = 1)
    {
        var family = target.AddressFamily;
        Socket Create() => new(family, SocketType.Stream, ProtocolType.Tcp);
        return new TcpConnectProber(netns is null ? Create : () => NetworkContext.For(netns).Run(Create), new IPEndPoint(target, port), flows);
    }

    protected override void Send(int flow, int ttl, ushort sequence)
    {
        var socket = Connect(ttl, flow, sequence, reusePort: true);
        if (socket is null)
        {
            return;
        }

        _inFlight[Key(flow, sequence)] = new InFlight(socket, flow, sequence);
    }

    protected override void Receive(TimeSpan wait, List<ProbeReply> replies)
    {
        if (_answeredAtSend.Count > 0)
        {
            replies.AddRange(_answeredAtSend);
            _answeredAtSend.Clear();
            wait = TimeSpan.Zero;
        }

        _pollSet.Clear();
        _pollKeys.Clear();
        foreach (var (key, probe) in _inFlight)
        {
            _pollSet.Add(probe.Socket);
            _pollKeys.Add(key);
        }

        if (_ready.Length < _pollSet.Count)
        {
            _ready = new short[_pollSet.Count * 2];
        }

        if (SocketPoll.Wait(_pollSet, ProbeInterop.POLLOUT | ProbeInterop.POLLERR, wait, _ready) == 0)
        {
            return;
        }

        Span<byte> quoted = stackalloc byte[64];
        for (var i = 0; i < _pollSet.Count; i++)
        {
            if (_ready[i] == 0)
            {
                continue;
            }

            var probe = _inFlight[_pollKeys[i]];
            _inFlight.Remove(_pollKeys[i]);
            if (Read(probe.Socket, _ready[i], quoted) is { } answer)
            {
                replies.Add(new ProbeReply(probe.Flow, probe.Sequence, answer.Outcome, answer.Responder, answer.ReceivedAt) { Code = answer.Code });
            }

            probe.Socket.Dispose();
        }
    }

    protected override void Forget(int flow, ushort sequence)
    {
        if (_inFlight.Remove(Key(flow, sequence), out var probe))
        {
            probe.Socket.Dispose();
        }
    }

    public override void Dispose()
    {
        foreach (var probe in _inFlight.Values)
        {
            probe.Socket.Dispose();
        }

        _inFlight.Clear();
    }

    private static int Key(int flow, ushort sequence) => (flow << 16) | sequence;

    /// <summary>Opens, binds and starts connecting one probe socket; null when the connect ended at once (its answer is queued).</summary>
    private Socket? Connect(int ttl, int flow, ushort sequence, bool reusePort)
    {
        var socket = _newSocket();
        try
        {
            socket.Blocking = false;

            // Close with RST, not FIN: no TIME-WAIT holds the port (or the target) after the probe.
            socket.LingerState = new LingerOption(true, 0);
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            ErrorQueue.Enable(socket, _ipv6);
            socket.Ttl = (short)ttl;
            Bind(socket, ttl, flow, reusePort);
            var sentAt = Stopwatch.GetTimestamp();
            try
            {
                socket.Connect(_target);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
            {
                return socket;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressNotAvailable && reusePort)
            {
                // The last round's probe on this port is still out (same four-tuple): this one takes a fresh port.
                socket.Dispose();
                return Connect(ttl, flow, sequence, reusePort: false);
            }
            catch (SocketException e)
            {
                _answeredAtSend.Add(Answered(flow, sequence, e.SocketErrorCode == SocketError.ConnectionRefused, sentAt));
                socket.Dispose();
                return null;
            }

            _answeredAtSend.Add(Answered(flow, sequence, reached: true, sentAt));
            socket.Dispose();
            return null;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private ProbeReply Answered(int flow, ushort sequence, bool reached, long at) =>
        new(flow, sequence, reached ? ProbeOutcome.DestinationReached : ProbeOutcome.Unreachable, reached ? _target.Address : null, at);

    private void Bind(Socket socket, int ttl, int flow, bool reusePort)
    {
        var any = _ipv6 ? IPAddress.IPv6Any : IPAddress.Any;
        if (reusePort && _ports.TryGetValue((ttl, flow), out var port))
        {
            try
            {
                socket.Bind(new IPEndPoint(any, port));
                return;
            }
            catch (SocketException)
            {
                // Someone else holds it now; a fresh port becomes this TTL's.
            }
        }

        socket.Bind(new IPEndPoint(any, 0));
        if (reusePort)
        {
            _ports[(ttl, flow)] = ((IPEndPoint)socket.LocalEndPoint!).Port;
        }
    }

    /// <summary>What a finished connect says: a router's ICMP from the error queue, else the destination's SYN-ACK or RST.</summary>
    private (ProbeOutcome Outcome, IPAddress? Responder, long ReceivedAt, UnreachableCode? Code)? Read(Socket socket, short events, Span<byte> quoted)
    {
        if (ErrorQueue.TryRead(socket, quoted, out _, out var error, out var receivedAt)
            && error.Origin is ExtendedErrorOrigin.Icmp or ExtendedErrorOrigin.Icmp6 && error.Offender is { } responder)
        {
            return ProbeOutcomes.Of(IcmpDecoder.KindOf(error.Type, error.Code, error.Origin == ExtendedErrorOrigin.Icmp6), responder, _target.Address) is { } outcome
                ? (outcome, responder, receivedAt, error.CodeOf(outcome))
                : null;
        }

        var now = Stopwatch.GetTimestamp();
        Span<byte> value = stackalloc byte[sizeof(int)];
        socket.GetRawSocketOption(SOL_SOCKET, SO_ERROR, value);
        var errno = BitConverter.ToInt32(value);
        return errno switch
        {
            0 when (events & ProbeInterop.POLLOUT) != 0 => (ProbeOutcome.DestinationReached, _target.Address, now, null),
            ECONNREFUSED => (ProbeOutcome.DestinationReached, _target.Address, now, null),
            0 => null,

            // A local failure (no route, neighbour unreachable): the path ends here, no router named it.
            _ => (ProbeOutcome.Unreachable, null, now, null),
        };
    }

    private readonly record struct InFlight(Socket Socket, int Flow, ushort Sequence);
}
