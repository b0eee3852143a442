using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using NetLens.Core.Scanning;
using NetLens.Linux.Probes;

namespace NetLens.Linux.Scanning;

/// <summary>One host's UDP ports, the host's timing at the end, and how the scan went (for --verbose and the bench).</summary>
public sealed record UdpHostPorts(IReadOnlyList<PortResult> Ports, TimeSpan? SmoothedRtt, int Sweeps, bool RateLimited)
{
    /// <summary>--host-timeout ran out first: <see cref="Ports"/> holds only what was decided by then.</summary>
    public bool TimedOut { get; init; }
}

/// <summary>
/// The unprivileged UDP scan (-sU): one connected UDP socket per probe with IP_RECVERR, so a reply is read as data and
/// the ICMP error the probe drew comes off the error queue with its type and code; one poll() watches every probe in
/// flight. <see cref="UdpSweepPlan"/> decides what to send when; this class only sends, listens and keeps time.
/// </summary>
public sealed class UdpScanner(Func<AddressFamily, Socket> createSocket, int socketBudget)
{
    private const int PollSliceMs = 50;
    private int _budget = Math.Max(1, socketBudget);

    /// <summary>One host's UDP ports; when <paramref name="userCancel"/> fires (or --host-timeout runs out), the ports decided so far.</summary>
    public UdpHostPorts Scan(IPAddress address, IReadOnlyList<int> ports, ScanTiming limits, UdpTiming udp, CancellationToken userCancel)
    {
        // --host-timeout stops this host as the user's cancellation would; the two are told apart at the end
        using var hostCancel = CancellationTokenSource.CreateLinkedTokenSource(userCancel);
        if (limits.HostTimeout is { } hostTimeout)
        {
            hostCancel.CancelAfter(hostTimeout);
        }

        var cancel = hostCancel.Token;
        var timing = new HostTiming(limits);
        var plan = new UdpSweepPlan(ports, timing, udp);
        var start = Stopwatch.GetTimestamp();
        var window = new ProbeWindow(limits);
        ushort id = (ushort)Random.Shared.Next(ushort.MaxValue);
        try
        {
            while (plan.Next(Stopwatch.GetElapsedTime(start)) is { } sweep)
            {
                var wait = sweep.StartAt - Stopwatch.GetElapsedTime(start);
                if (wait > TimeSpan.Zero && cancel.WaitHandle.WaitOne(wait))
                {
                    cancel.ThrowIfCancellationRequested();
                }

                RunSweep(address, sweep, plan, timing, window, start, ref id, cancel);
                plan.Complete(sweep);
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // stopped by the user: the ports decided so far are the answer
        }

        return new UdpHostPorts(plan.Results, timing.SmoothedRtt, plan.Sweeps, plan.RateLimited) { TimedOut = cancel.IsCancellationRequested && !userCancel.IsCancellationRequested };
    }

    private void RunSweep(IPAddress address, UdpSweep sweep, UdpSweepPlan plan, HostTiming timing, ProbeWindow window, long scanStart, ref ushort id, CancellationToken cancel)
    {
        var waiting = new Queue<int>(sweep.Ports);
        var inFlight = new List<InFlightProbe>();
        Span<byte> buffer = stackalloc byte[2048];
        try
        {
            while (waiting.Count > 0 || inFlight.Count > 0)
            {
                cancel.ThrowIfCancellationRequested();
                while (waiting.Count > 0 && inFlight.Count < Math.Min(window.Size, _budget))
                {
                    if (!TryCreate(address.AddressFamily, inFlight.Count, out var socket))
                    {
                        break;
                    }

                    var port = waiting.Dequeue();
                    var probe = Send(socket, address, port, unchecked(id++), timing.Timeout, scanStart, out var immediate);
                    if (probe is not null)
                    {
                        inFlight.Add(probe);
                    }
                    else if (immediate is { } answer)
                    {
                        plan.Record(answer);
                    }
                }

                if (inFlight.Count > 0)
                {
                    Listen(inFlight, plan, window, scanStart, buffer);
                }
            }
        }
        finally
        {
            foreach (var probe in inFlight)
            {
                probe.Socket.Dispose();
            }
        }
    }

    /// <summary>Sends one probe on a fresh connected socket; a local refusal (no route, our own firewall) is an answer at once.</summary>
    private static InFlightProbe? Send(Socket socket, IPAddress address, int port, ushort id, TimeSpan timeout, long scanStart, out UdpAnswer? immediate)
    {
        immediate = null;
        var sentAt = Stopwatch.GetTimestamp();
        try
        {
            // connect, so the kernel hands this socket only the target port's replies and errors
            socket.Connect(new IPEndPoint(address, port));
            socket.Send(UdpPayloads.For(port, address, id));
            return new InFlightProbe(socket, port, sentAt, sentAt + (long)(timeout.TotalSeconds * Stopwatch.Frequency));
        }
        catch (SocketException e) when (LocalOutcome(e.SocketErrorCode) is { } outcome)
        {
            socket.Dispose();
            immediate = new UdpAnswer(port, outcome, TimeSpan.Zero, Stopwatch.GetElapsedTime(scanStart));
            return null;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
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

    /// <summary>errno at connect()/send() → outcome, as the connect scan reads them.</summary>
    private static UdpProbeOutcome? LocalOutcome(SocketError error) => error switch
    {
        SocketError.HostUnreachable or SocketError.HostDown => UdpProbeOutcome.HostUnreachable,
        SocketError.NetworkUnreachable or SocketError.NetworkDown => UdpProbeOutcome.NetUnreachable,
        // EPERM (seen as access denied) is the output hook's drop on this host, not an ICMP from afar
        SocketError.AccessDenied => UdpProbeOutcome.LocalFirewall,
        _ => null,
    };

    /// <summary>One poll() over every probe in flight: replies and errors are recorded, probes past their timeout end silent.</summary>
    private static unsafe void Listen(List<InFlightProbe> inFlight, UdpSweepPlan plan, ProbeWindow window, long scanStart, Span<byte> buffer)
    {
        var now = Stopwatch.GetTimestamp();
        var nextDeadline = inFlight.Min(p => p.Deadline);
        var sliceMs = (int)Math.Clamp((nextDeadline - now) * 1000 / Stopwatch.Frequency, 0, PollSliceMs);
        var fds = new PollFd[inFlight.Count];
        for (var i = 0; i < inFlight.Count; i++)
        {
            fds[i] = new PollFd { Fd = (int)inFlight[i].Socket.Handle, Events = ProbeInterop.POLLIN | ProbeInterop.POLLERR };
        }

        fixed (PollFd* pointer = fds)
        {
            _ = ProbeInterop.poll(pointer, (nuint)fds.Length, sliceMs);
        }

        now = Stopwatch.GetTimestamp();
        for (var i = inFlight.Count - 1; i >= 0; i--)
        {
            var probe = inFlight[i];
            UdpProbeOutcome? outcome = null;
            long receivedAt = now;
            if ((fds[i].Revents & ProbeInterop.POLLERR) != 0)
            {
                outcome = ReadError(probe.Socket, buffer, out receivedAt);
            }

            if (outcome is null && (fds[i].Revents & ProbeInterop.POLLIN) != 0 && ErrorQueue.TryReceive(probe.Socket, buffer, out _, out _, out var dataAt))
            {
                // any datagram from the port, even an empty one, proves something listens there
                outcome = UdpProbeOutcome.Response;
                receivedAt = dataAt;
            }

            if (outcome is { } answer)
            {
                var rtt = TimeSpan.FromSeconds((double)(receivedAt - probe.SentAt) / Stopwatch.Frequency);
                plan.Record(new UdpAnswer(probe.Port, answer, rtt, TimeSpan.FromSeconds((double)(receivedAt - scanStart) / Stopwatch.Frequency)));
            }
            else if (now < probe.Deadline)
            {
                continue;
            }

            window.OnProbeDone();
            probe.Socket.Dispose();
            inFlight.RemoveAt(i);
        }
    }

    /// <summary>Drains the error queue; the first ICMP destination unreachable decides (other ICMP, e.g. time exceeded, says nothing of the port).</summary>
    private static UdpProbeOutcome? ReadError(Socket socket, Span<byte> buffer, out long receivedAt)
    {
        receivedAt = 0;
        UdpProbeOutcome? outcome = null;
        while (ErrorQueue.TryRead(socket, buffer, out _, out var error, out var at))
        {
            if (outcome is null && error.Origin is ExtendedErrorOrigin.Icmp or ExtendedErrorOrigin.Icmp6
                && UdpScanVerdict.FromIcmp(error.Type, error.Code, error.Origin == ExtendedErrorOrigin.Icmp6) is { } decided)
            {
                outcome = decided;
                receivedAt = at;
            }
        }

        return outcome;
    }

    private sealed record InFlightProbe(Socket Socket, int Port, long SentAt, long Deadline);

    /// <summary>
    /// How many probes may wait at once. UDP silence is the normal answer of open and filtered ports, not a sign of
    /// congestion, so every finished probe grows the window (slow start, then one per window), within the scan's limits.
    /// </summary>
    private sealed class ProbeWindow(ScanTiming limits)
    {
        private double _size = limits.InitialWindow;

        public int Size => (int)_size;

        public void OnProbeDone() => _size = Math.Min(limits.MaxWindow, _size + (_size < limits.InitialSlowStartThreshold ? 1 : 1 / _size));
    }
}
