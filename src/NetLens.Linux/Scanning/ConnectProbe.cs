using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using NetLens.Core.Scanning;

namespace NetLens.Linux.Scanning;

/// <summary>What one connect() attempt came to and how long it took.</summary>
public readonly record struct ConnectAttempt(int Port, int Attempt, ProbeOutcome Outcome, TimeSpan Elapsed);

/// <summary>One connect() attempt with its own timeout; the outcome is a value, never an exception.</summary>
public static class ConnectProbe
{
    public static async Task<ConnectAttempt> RunAsync(Socket socket, IPEndPoint target, int attempt, TimeSpan timeout, CancellationToken cancel)
    {
        var start = Stopwatch.GetTimestamp();
        ProbeOutcome outcome;
        using (socket)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            deadline.CancelAfter(timeout);
            try
            {
                await socket.ConnectAsync(target, deadline.Token).ConfigureAwait(false);

                // a connect to a local address from an ephemeral port equal to the port asked for meets itself (TCP
                // simultaneous open): nothing listens there, the kernel would have refused anyone else
                outcome = socket.LocalEndPoint is IPEndPoint local && local.Equals(socket.RemoteEndPoint) ? ProbeOutcome.Refused : ProbeOutcome.Connected;
            }
            catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
            {
                outcome = ProbeOutcome.TimedOut;
            }
            catch (SocketException e)
            {
                outcome = Classify(e.SocketErrorCode);
            }
        }

        return new ConnectAttempt(target.Port, attempt, outcome, Stopwatch.GetElapsedTime(start));
    }

    /// <summary>errno → outcome. The kernel turns ICMP port unreachable into ECONNREFUSED and host/admin unreachables into EHOSTUNREACH.</summary>
    internal static ProbeOutcome Classify(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => ProbeOutcome.Refused,
        SocketError.HostUnreachable or SocketError.HostDown => ProbeOutcome.HostUnreachable,
        SocketError.NetworkUnreachable or SocketError.NetworkDown => ProbeOutcome.NetworkUnreachable,
        SocketError.AccessDenied => ProbeOutcome.Prohibited,
        SocketError.TimedOut => ProbeOutcome.TimedOut,
        _ => throw new IOException($"connect() failed in a way a scan cannot read as a port state: {error}"),
    };
}
