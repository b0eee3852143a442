using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using NetLens.Core.Probing;
using NetLens.Core.Trace;
using NetLens.Linux.Namespaces;

namespace NetLens.Linux.Probes;

/// <summary>
/// Unprivileged UDP probes: TTL set per probe, ICMP errors read from the socket's error queue (IP_RECVERR),
/// the router named by SO_EE_OFFENDER and the probe by the quoted payload. One bound port per trace (Paris-style).
/// </summary>
public sealed unsafe class UdpErrorQueueProber : ITraceProber
{
    /// <summary>traceroute's customary base port; nothing listens there, so the target answers port unreachable.</summary>
    public const ushort DefaultPort = 33434;

    private const int ControlLength = 512;
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
            var on = 1;
            socket.SetRawSocketOption(
                ipv6 ? ProbeInterop.SOL_IPV6 : ProbeInterop.SOL_IP,
                ipv6 ? ProbeInterop.IPV6_RECVERR : ProbeInterop.IP_RECVERR,
                MemoryMarshal.AsBytes(new ReadOnlySpan<int>(ref on)));
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
            if (remainingMs <= 0 || !WaitForError(Math.Min(remainingMs, 100)))
            {
                if (remainingMs <= 0)
                {
                    break;
                }

                continue;
            }

            while (TryReadError(out var error, out var sequence, out var receivedAt))
            {
                if (error.Offender is not { } responder
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
                results[ttl] = new ProbeResult(round, ttl, outcome, responder, rttMs);
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

    private bool WaitForError(int timeoutMs)
    {
        var fd = new PollFd { Fd = (int)_socket.Handle, Events = ProbeInterop.POLLERR };
        return ProbeInterop.poll(&fd, 1, timeoutMs) > 0 && (fd.Revents & ProbeInterop.POLLERR) != 0;
    }

    private bool TryReadError(out ExtendedError error, out ushort sequence, out long receivedAt)
    {
        error = default;
        sequence = 0;
        receivedAt = 0;
        Span<byte> data = stackalloc byte[64];
        Span<byte> control = stackalloc byte[ControlLength];
        fixed (byte* dataPointer = data)
        fixed (byte* controlPointer = control)
        {
            var vector = new IoVector { Base = dataPointer, Length = (nuint)data.Length };
            var header = new MessageHeader { Iov = &vector, IovLength = 1, Control = controlPointer, ControlLength = ControlLength };
            var received = ProbeInterop.recvmsg(_socket.Handle, &header, ProbeInterop.MSG_ERRQUEUE | ProbeInterop.MSG_DONTWAIT);
            if (received < 0)
            {
                return false;
            }

            receivedAt = Stopwatch.GetTimestamp();

            // The data is the quoted payload of our probe; a router quoting only 8 bytes leaves it empty.
            if (!ExtendedErrorParser.TryParse(control[..(int)header.ControlLength], out error))
            {
                return true;
            }

            UdpProbePayload.TryReadSequence(data[..(int)received], out sequence);
            return true;
        }
    }
}
