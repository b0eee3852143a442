using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using NetLens.Core.Probing;
using NetLens.Core.Trace;
using NetLens.Linux.Namespaces;

namespace NetLens.Linux.Probes;

/// <summary>
/// ICMP echo probes over an ICMP datagram socket (SOCK_DGRAM, IPPROTO_ICMP/ICMPV6; net.ipv4.ping_group_range):
/// echo replies arrive as data, time exceeded and unreachable through the error queue with the quoted echo header.
/// The kernel owns the identifier (the socket's bound "port"), so two traces never share one.
/// </summary>
public sealed class IcmpDatagramProber : ITraceProber
{
    private readonly Socket _socket;
    private readonly IPEndPoint _target;
    private readonly bool _ipv6;

    private IcmpDatagramProber(Socket socket, IPEndPoint target)
    {
        _socket = socket;
        _target = target;
        _ipv6 = target.AddressFamily == AddressFamily.InterNetworkV6;
        Flow = new TraceFlow
        {
            Protocol = ProbeProtocol.Icmp,
            Target = target.Address,
            Identifier = (ushort)((IPEndPoint)socket.LocalEndPoint!).Port,
        };
    }

    public ProbeMechanism Mechanism => ProbeMechanism.IcmpDatagram;

    public TraceFlow Flow { get; }

    /// <summary>Opens the socket (inside <paramref name="netns"/> when given); throws SocketException with EACCES when ping_group_range forbids it.</summary>
    public static IcmpDatagramProber Open(IPAddress target, string? netns = null) =>
        netns is null ? Create(target) : NetworkNamespace.Run(netns, () => Create(target));

    private static IcmpDatagramProber Create(IPAddress target)
    {
        var ipv6 = target.AddressFamily == AddressFamily.InterNetworkV6;
        var socket = new Socket(target.AddressFamily, SocketType.Dgram, ipv6 ? ProtocolType.IcmpV6 : ProtocolType.Icmp);
        try
        {
            socket.Bind(new IPEndPoint(ipv6 ? IPAddress.IPv6Any : IPAddress.Any, 0));
            ErrorQueue.Enable(socket, ipv6);
            return new IcmpDatagramProber(socket, new IPEndPoint(target, 0));
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public IReadOnlyList<ProbeResult> ProbeRound(int round, int ttls, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var sentAt = new long[ttls + 1];
        var results = new ProbeResult?[ttls + 1];
        Span<byte> request = stackalloc byte[IcmpEchoRequest.HeaderLength];
        // Room for a 128-byte quote and its RFC 4884 extensions (MPLS labels), which the queue hands over after it.
        Span<byte> data = stackalloc byte[512];
        for (var ttl = 1; ttl <= ttls; ttl++)
        {
            IcmpEchoRequest.Write(request, _ipv6, Flow.Identifier, ProbeSequence.Of(round, ttl), []);
            _socket.Ttl = (short)ttl;
            sentAt[ttl] = Stopwatch.GetTimestamp();
            Send(request);
        }

        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var pending = ttls;
        void Record(ushort sequence, IcmpMessageKind kind, IPAddress responder, long receivedAt, IReadOnlyList<MplsLabel> mpls)
        {
            if (!ProbeSequence.TryTtlInRound(sequence, round, out var ttl) || ttl > ttls || results[ttl] is not null
                || ProbeOutcomes.Of(kind, responder, _target.Address) is not { } outcome)
            {
                return;
            }

            results[ttl] = new ProbeResult(round, ttl, outcome, responder, (receivedAt - sentAt[ttl]) * 1000.0 / Stopwatch.Frequency) { Mpls = mpls };
            pending--;
        }

        while (pending > 0 && !cancellationToken.IsCancellationRequested)
        {
            var remainingMs = (int)Math.Ceiling((deadline - Stopwatch.GetTimestamp()) * 1000.0 / Stopwatch.Frequency);
            if (remainingMs <= 0)
            {
                break;
            }

            if (!ErrorQueue.Wait(_socket, Math.Min(remainingMs, 100), orReadable: true))
            {
                continue;
            }

            // Errors quote our echo header: the sequence sits at bytes 6-7 of what the queue hands back.
            while (ErrorQueue.TryRead(_socket, data, out var length, out var error, out var receivedAt))
            {
                if (length >= IcmpEchoRequest.HeaderLength && error.Offender is { } responder
                    && error.Origin is ExtendedErrorOrigin.Icmp or ExtendedErrorOrigin.Icmp6)
                {
                    var kind = IcmpDecoder.KindOf(error.Type, error.Code, error.Origin == ExtendedErrorOrigin.Icmp6);
                    // The data starts at the quoted echo header, after the quoted IP header (we send no options).
                    var mpls = IcmpExtensions.ReadMplsAfterQuote(data[..length], _ipv6 ? 40 : 20);
                    Record(BinaryPrimitives.ReadUInt16BigEndian(data[6..]), kind, responder, receivedAt, mpls);
                }
            }

            while (ErrorQueue.TryReceive(_socket, data, out var length, out var from, out var receivedAt))
            {
                // The kernel delivers only echo replies carrying this socket's identifier here.
                if (from is not null && IcmpDecoder.TryDecode(data[..length], _ipv6, out var reply) && reply.Kind == IcmpMessageKind.EchoReply)
                {
                    Record(reply.Sequence, reply.Kind, from, receivedAt, []);
                }
            }
        }

        return [.. Enumerable.Range(1, ttls).Select(ttl => results[ttl] ?? ProbeResult.Lost(round, ttl))];
    }

    public void Dispose() => _socket.Dispose();

    private void Send(ReadOnlySpan<byte> request)
    {
        try
        {
            _socket.SendTo(request, _target);
        }
        catch (SocketException)
        {
            // A queued ICMP error is also reported once by the next send (sk_err); the request was not sent, so send it again.
            _socket.SendTo(request, _target);
        }
    }
}
