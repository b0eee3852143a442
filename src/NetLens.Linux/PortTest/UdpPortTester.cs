using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using NetLens.Core.PortTest;
using NetLens.Linux.Namespaces;
using NetLens.Linux.Probes;

namespace NetLens.Linux.PortTest;

/// <summary>
/// UDP has no handshake: send a datagram, then a reply (netlens's listener echoes the nonce) proves it open, and ICMP port
/// unreachable — read from the error queue (IP_RECVERR) — proves it closed. Silence after every attempt is open|filtered.
/// </summary>
public static class UdpPortTester
{
    private const int Icmp4Unreachable = 3;
    private const int Icmp4PortUnreachable = 3;
    private const int Icmp6Unreachable = 1;
    private const int Icmp6PortUnreachable = 4;

    public static PortTestResult Test(IPEndPoint target, TimeSpan timeout, int attempts, NetworkContext context, CancellationToken cancel)
    {
        using var socket = context.Run(() => Open(target));
        var nonce = Convert.ToHexStringLower(BitConverter.GetBytes(Random.Shared.NextInt64()));
        var payload = PortTestPayload.Test(nonce);
        var start = Stopwatch.GetTimestamp();
        var perAttempt = timeout / Math.Max(1, attempts);
        Span<byte> buffer = stackalloc byte[1500];
        for (var attempt = 1; attempt <= attempts && !cancel.IsCancellationRequested; attempt++)
        {
            try
            {
                socket.Send(payload);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
            {
                // the port unreachable of an earlier attempt, reported by this send (sk_err) before the queue was read
                return Result(target, PortTestState.Closed, "port-unreach", start, attempt);
            }

            var deadline = Stopwatch.GetTimestamp() + (long)(perAttempt.TotalSeconds * Stopwatch.Frequency);
            while (!cancel.IsCancellationRequested)
            {
                var remainingMs = (int)Math.Ceiling((deadline - Stopwatch.GetTimestamp()) * 1000.0 / Stopwatch.Frequency);
                if (remainingMs <= 0)
                {
                    break;
                }

                if (!ErrorQueue.Wait(socket, Math.Min(remainingMs, 100), orReadable: true))
                {
                    continue;
                }

                if (ErrorQueue.TryRead(socket, buffer, out _, out var error, out _))
                {
                    if (error.Origin is ExtendedErrorOrigin.Icmp or ExtendedErrorOrigin.Icmp6)
                    {
                        var portUnreachable = error.Origin == ExtendedErrorOrigin.Icmp
                            ? error.Type == Icmp4Unreachable && error.Code == Icmp4PortUnreachable
                            : error.Type == Icmp6Unreachable && error.Code == Icmp6PortUnreachable;
                        return Result(target, portUnreachable ? PortTestState.Closed : PortTestState.Filtered,
                            portUnreachable ? "port-unreach" : $"icmp-unreach type {error.Type} code {error.Code}", start, attempt) with
                        { ErrorFrom = error.Offender };
                    }

                    continue;
                }

                if (ErrorQueue.TryReceive(socket, buffer, out var length, out _, out _))
                {
                    var data = buffer[..length];
                    if (PortTestPayload.IsReplyTo(data, nonce))
                    {
                        return Result(target, PortTestState.Open, "netlens-reply", start, attempt);
                    }

                    return Result(target, PortTestState.Open, "udp-response", start, attempt) with { Reply = Printable(data) };
                }
            }
        }

        return Result(target, PortTestState.OpenFiltered, "no-response", start, attempts);
    }

    private static Socket Open(IPEndPoint target)
    {
        var socket = new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            ErrorQueue.Enable(socket, target.AddressFamily == AddressFamily.InterNetworkV6);

            // connect, so the kernel hands us datagrams from this peer only
            socket.Connect(target);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static PortTestResult Result(IPEndPoint target, PortTestState state, string reason, long start, int attempts) =>
        new(target, "udp", state, reason, Stopwatch.GetElapsedTime(start), attempts);

    private static string Printable(ReadOnlySpan<byte> data)
    {
        var text = Encoding.ASCII.GetString(data[..Math.Min(data.Length, 64)]);
        return new string([.. text.Select(c => char.IsControl(c) ? '.' : c)]);
    }
}
