using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using NetLens.Core.Probing;
using NetLens.Core.Trace;
using NetLens.Linux.Namespaces;

namespace NetLens.Linux.Probes;

/// <summary>
/// Unprivileged UDP probes: TTL set per probe, ICMP errors read from the socket's error queue (IP_RECVERR),
/// the router named by SO_EE_OFFENDER and the probe by the quoted payload. One bound port per trace (Paris-style).
/// </summary>
public sealed class UdpErrorQueueProber : ITraceProber
{
    /// <summary>traceroute's customary base port; nothing listens there, so the target answers port unreachable.</summary>
    public const ushort DefaultPort = 33434;

    private readonly Socket _socket;
    private readonly IPEndPoint _target;
    private readonly bool _ipv6;

    private UdpErrorQueueProber(Socket socket, IPEndPoint target)
    {
        _socket = socket;
        _target = target;
        _ipv6 = target.AddressFamily == AddressFamily.InterNetworkV6;
        Flow = new TraceFlow
        {
            Protocol = ProbeProtocol.Udp,
            Target = target.Address,
            SourcePort = (ushort)((IPEndPoint)socket.LocalEndPoint!).Port,
            DestinationPort = (ushort)target.Port,
        };
    }

    public ProbeMechanism Mechanism => ProbeMechanism.UdpErrorQueue;

    public TraceFlow Flow { get; }

    /// <summary>Opens the probe socket, inside <paramref name="netns"/> when given (the socket stays there).</summary>
    public static UdpErrorQueueProber Open(IPAddress target, ushort port = DefaultPort, string? netns = null) =>
        netns is null ? Create(target, port) : NetworkNamespace.Run(netns, () => Create(target, port));

    private static UdpErrorQueueProber Create(IPAddress target, ushort port)
    {
        var socket = new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            var ipv6 = target.AddressFamily == AddressFamily.InterNetworkV6;
            socket.Bind(new IPEndPoint(ipv6 ? IPAddress.IPv6Any : IPAddress.Any, 0));
            ErrorQueue.Enable(socket, ipv6);
            return new UdpErrorQueueProber(socket, new IPEndPoint(target, port));
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
        Span<byte> payload = stackalloc byte[UdpProbePayload.Length];
        // Room for a 128-byte quote and its RFC 4884 extensions (MPLS labels), which the queue hands over after it.
        Span<byte> quoted = stackalloc byte[512];
        for (var ttl = 1; ttl <= ttls; ttl++)
        {
            UdpProbePayload.Write(payload, ProbeSequence.Of(round, ttl));
            _socket.Ttl = (short)ttl;
            sentAt[ttl] = Stopwatch.GetTimestamp();
            Send(payload);
        }

        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var pending = ttls;
        while (pending > 0 && !cancellationToken.IsCancellationRequested)
        {
            var remainingMs = (int)Math.Ceiling((deadline - Stopwatch.GetTimestamp()) * 1000.0 / Stopwatch.Frequency);
            if (remainingMs <= 0 || !ErrorQueue.Wait(_socket, Math.Min(remainingMs, 100)))
            {
                if (remainingMs <= 0)
                {
                    break;
                }

                continue;
            }

            while (ErrorQueue.TryRead(_socket, quoted, out var length, out var error, out var receivedAt))
            {
                // The data is the quoted payload of our probe; a router quoting only 8 bytes leaves it empty.
                if (error.Offender is not { } responder || !UdpProbePayload.TryReadSequence(quoted[..length], out var sequence)
                    || !ProbeSequence.TryTtlInRound(sequence, round, out var ttl) || ttl > ttls || results[ttl] is not null)
                {
                    continue;
                }

                var ipv6Origin = error.Origin == ExtendedErrorOrigin.Icmp6;
                if (error.Origin is not (ExtendedErrorOrigin.Icmp or ExtendedErrorOrigin.Icmp6)
                    || ProbeOutcomes.Of(IcmpDecoder.KindOf(error.Type, error.Code, ipv6Origin), responder, _target.Address) is not { } outcome)
                {
                    continue;
                }

                var rttMs = (receivedAt - sentAt[ttl]) * 1000.0 / Stopwatch.Frequency;
                results[ttl] = new ProbeResult(round, ttl, outcome, responder, rttMs)
                {
                    // The data starts after the quoted IP and UDP headers (we send no IP options or extension headers).
                    Mpls = IcmpExtensions.ReadMplsAfterQuote(quoted[..length], (_ipv6 ? 40 : 20) + 8),
                };
                pending--;
            }
        }

        return [.. Enumerable.Range(1, ttls).Select(ttl => results[ttl] ?? ProbeResult.Lost(round, ttl))];
    }

    public void Dispose() => _socket.Dispose();

    private void Send(ReadOnlySpan<byte> payload)
    {
        try
        {
            _socket.SendTo(payload, _target);
        }
        catch (SocketException)
        {
            // An ICMP error already queued is also reported once by the next send (sk_err); the probe itself is fine to resend.
            _socket.SendTo(payload, _target);
        }
    }
}
