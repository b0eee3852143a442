using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using NetLens.Core.Scanning;

namespace NetLens.Linux.Scanning;

/// <summary>One host's ports as a connect scan found them, and the host's timing at the end.</summary>
public sealed record HostPorts(IReadOnlyList<PortResult> Ports, TimeSpan? SmoothedRtt)
{
    /// <summary>--host-timeout ran out first: <see cref="Ports"/> holds only what was settled by then.</summary>
    public bool TimedOut { get; init; }
}

/// <summary>
/// The unprivileged TCP connect scan (-sT): many non-blocking connect()s in flight (the runtime's epoll loop), as many
/// as the host's congestion window and the descriptor budget allow; silent ports are retried, then called filtered.
/// </summary>
public sealed class ConnectScanner(Func<AddressFamily, Socket> createSocket, int socketBudget)
{
    /// <summary>Linux resends an unanswered SYN after TCP_TIMEOUT_INIT (1 s) within one connect().</summary>
    public static readonly TimeSpan KernelSynTimeout = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan ProgressEvery = TimeSpan.FromMilliseconds(250);

    private int _budget = Math.Max(1, socketBudget);

    /// <summary>The descriptor budget now (it shrinks if the process ran out of descriptors mid-scan).</summary>
    public int SocketBudget => _budget;

    /// <summary>
    /// Scans <paramref name="ports"/>; <paramref name="progress"/> hears (ports settled, probes sent) every quarter second.
    /// When <paramref name="userCancel"/> fires (or --host-timeout runs out) the scan ends with the ports settled so far.
    /// </summary>
    public async Task<HostPorts> ScanAsync(IPAddress address, IReadOnlyList<int> ports, ScanTiming limits, CancellationToken userCancel, Action<int, long>? progress = null)
    {
        // --host-timeout stops this host as the user's cancellation would; the two are told apart at the end
        using var hostCancel = CancellationTokenSource.CreateLinkedTokenSource(userCancel);
        if (limits.HostTimeout is { } hostTimeout)
        {
            hostCancel.CancelAfter(hostTimeout);
        }

        var cancel = hostCancel.Token;
        long sent = 0;
        var lastProgress = Stopwatch.GetTimestamp();
        var timing = new HostTiming(limits);
        var results = new Dictionary<int, PortResult>(ports.Count);
        var waiting = new Queue<(int Port, int Attempts)>(ports.Select(p => (p, 0)));
        var finished = Channel.CreateUnbounded<ConnectAttempt>(new UnboundedChannelOptions { SingleReader = true });
        var probes = new List<Task>();
        var inFlight = 0;
        while (waiting.Count > 0 || inFlight > 0)
        {
            while (waiting.Count > 0 && inFlight < Math.Min(timing.Window, _budget))
            {
                if (!TryCreate(address.AddressFamily, inFlight, out var socket))
                {
                    break;
                }

                var (port, attempts) = waiting.Dequeue();
                inFlight++;
                sent++;
                probes.Add(ReportAsync(ConnectProbe.RunAsync(socket, new IPEndPoint(address, port), attempts + 1, timing.Timeout, cancel), finished.Writer));
            }

            ConnectAttempt attempt;
            try
            {
                attempt = await finished.Reader.ReadAsync(cancel).ConfigureAwait(false);
            }
            catch (ChannelClosedException e) when (e.InnerException is IOException failure)
            {
                throw new IOException(failure.Message, failure);
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                break;
            }

            inFlight--;
            if (ConnectScanVerdict.Decide(attempt.Outcome) is { } verdict)
            {
                // past the kernel's first SYN timeout the kernel itself resent the SYN: a packet was lost and the time is ambiguous
                var resent = attempt.Elapsed >= KernelSynTimeout;
                timing.OnReply(resent ? null : attempt.Elapsed, attempt.Attempt, resent ? 1 : 0);
                results[attempt.Port] = new PortResult(attempt.Port, verdict.State, verdict.Reason);
            }
            else if (timing.ShouldRetry(attempt.Attempt))
            {
                waiting.Enqueue((attempt.Port, attempt.Attempt));
            }
            else
            {
                var silent = ConnectScanVerdict.Silent;
                results[attempt.Port] = new PortResult(attempt.Port, silent.State, silent.Reason);
            }

            probes.RemoveAll(p => p.IsCompleted);
            if (progress is not null && Stopwatch.GetElapsedTime(lastProgress) >= ProgressEvery)
            {
                lastProgress = Stopwatch.GetTimestamp();
                progress(results.Count, sent);
            }
        }

        try
        {
            await Task.WhenAll(probes).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // the probes still out ended at the same token (their sockets closed); what settled before is the answer
        }

        return new HostPorts([.. results.Values.OrderBy(r => r.Port)], timing.SmoothedRtt) { TimedOut = cancel.IsCancellationRequested && !userCancel.IsCancellationRequested };
    }

    /// <summary>EMFILE/ENFILE shrink the budget to what is in flight and wait for a probe to finish; with nothing in flight it is fatal.</summary>
    private bool TryCreate(AddressFamily family, int inFlight, [NotNullWhen(true)] out Socket? socket)
    {
        try
        {
            socket = createSocket(family);
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.TooManyOpenSockets or SocketError.NoBufferSpaceAvailable && inFlight > 0)
        {
            _budget = inFlight;
            socket = null;
            return false;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.TooManyOpenSockets)
        {
            throw new IOException("too many open files: not one socket left for the scan (raise the limit: ulimit -n)", e);
        }
    }

    /// <summary>A probe that failed unexpectedly closes the channel with its error, so the scan stops instead of waiting forever.</summary>
    private static async Task ReportAsync(Task<ConnectAttempt> probe, ChannelWriter<ConnectAttempt> finished)
    {
        try
        {
            finished.TryWrite(await probe.ConfigureAwait(false));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            finished.TryComplete(e);
        }
    }
}
