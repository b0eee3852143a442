using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using NetLens.Core.Scanning;
using NetLens.Linux.Namespaces;

namespace NetLens.Linux.Probes;

/// <summary>
/// What one UDP datagram drew: a reply (its length), an ICMP destination unreachable (type, code, sender) or a local
/// refusal as an outcome, or nothing (<see cref="Outcome"/> null) before the timeout.
/// </summary>
public readonly record struct UdpExchangeResult(UdpProbeOutcome? Outcome, int ReplyBytes, byte? IcmpType, byte? IcmpCode, IPAddress? From, TimeSpan Elapsed);

/// <summary>
/// One datagram to one port, unprivileged, as the UDP scan probes: a connected socket with IP_RECVERR, so a reply is read
/// as data and the ICMP error it drew comes off the error queue with its type and code (<see cref="UdpScanVerdict.FromIcmp"/>).
/// </summary>
public static class UdpExchange
{
    private const int PollSliceMs = 100;

    /// <summary>Blocks on poll() until a reply, an unreachable or the timeout; other ICMP (time exceeded…) is read past.</summary>
    public static UdpExchangeResult Send(IPEndPoint target, IPAddress? source, ReadOnlySpan<byte> payload, TimeSpan timeout, NetworkContext context, CancellationToken cancel)
    {
        var start = Stopwatch.GetTimestamp();
        Socket socket;
        try
        {
            // connect() already asks the route: no route is an answer, as the send's own errors are
            socket = context.Run(() => Open(target, source));
        }
        catch (SocketException e) when (LocalOutcome(e.SocketErrorCode) is { } outcome)
        {
            return new UdpExchangeResult(outcome, 0, null, null, null, Stopwatch.GetElapsedTime(start));
        }

        using var owned = socket;
        try
        {
            socket.Send(payload);
        }
        catch (SocketException e) when (LocalOutcome(e.SocketErrorCode) is { } outcome)
        {
            return new UdpExchangeResult(outcome, 0, null, null, null, Stopwatch.GetElapsedTime(start));
        }

        var deadline = start + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        // the largest datagram UDP carries: a reply is counted whole, never truncated
        var buffer = new byte[65536];
        while (!cancel.IsCancellationRequested)
        {
            var remainingMs = (int)Math.Ceiling((deadline - Stopwatch.GetTimestamp()) * 1000.0 / Stopwatch.Frequency);
            if (remainingMs <= 0)
            {
                break;
            }

            if (!ErrorQueue.Wait(socket, Math.Min(remainingMs, PollSliceMs), orReadable: true))
            {
                continue;
            }

            while (ErrorQueue.TryRead(socket, buffer, out _, out var error, out _))
            {
                if (error.Origin is ExtendedErrorOrigin.Icmp or ExtendedErrorOrigin.Icmp6
                    && UdpScanVerdict.FromIcmp(error.Type, error.Code, error.Origin == ExtendedErrorOrigin.Icmp6) is { } decided)
                {
                    return new UdpExchangeResult(decided, 0, error.Type, error.Code, error.Offender, Stopwatch.GetElapsedTime(start));
                }
            }

            if (ErrorQueue.TryReceive(socket, buffer, out var length, out var from, out _))
            {
                // any datagram from the port, even an empty one, proves something listens there
                return new UdpExchangeResult(UdpProbeOutcome.Response, length, null, null, from ?? target.Address, Stopwatch.GetElapsedTime(start));
            }
        }

        cancel.ThrowIfCancellationRequested();
        return new UdpExchangeResult(null, 0, null, null, null, Stopwatch.GetElapsedTime(start));
    }

    private static Socket Open(IPEndPoint target, IPAddress? source)
    {
        var socket = new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            ErrorQueue.Enable(socket, target.AddressFamily == AddressFamily.InterNetworkV6);
            if (source is not null)
            {
                socket.Bind(new IPEndPoint(source, 0));
            }

            // connect, so the kernel hands this socket only the target port's replies and errors
            socket.Connect(target);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>errno at send() → outcome, as the UDP scan reads them.</summary>
    private static UdpProbeOutcome? LocalOutcome(SocketError error) => error switch
    {
        SocketError.HostUnreachable or SocketError.HostDown => UdpProbeOutcome.HostUnreachable,
        SocketError.NetworkUnreachable or SocketError.NetworkDown => UdpProbeOutcome.NetUnreachable,

        // EPERM (seen as access denied) is the output hook's drop on this host, not an ICMP from afar
        SocketError.AccessDenied => UdpProbeOutcome.LocalFirewall,
        SocketError.ConnectionRefused => UdpProbeOutcome.PortUnreachable,
        _ => null,
    };
}
