using System.Diagnostics;
using System.Net;
using NetLens.Core.Probing;
using NetLens.Core.Scanning;

namespace NetLens.Linux.Scanning;

/// <summary>
/// The SYN scan (-sS) over raw sockets: one thread sends SYNs and reads SYN/ACKs, RSTs and ICMP unreachables for many
/// hosts at once, each host paced by its own <see cref="PortProbeSchedule"/> (RTT estimate, congestion window, retries
/// sized from measured loss) and all of them by one <see cref="SendRate"/>. Replies are matched by address, ports and
/// the probe number in the sequence, never by timing.
/// </summary>
public sealed class SynScanner(RawProbeSession session)
{
    /// <summary>Hosts scanned at once; more add bookkeeping, not speed, since the packet rate is shared.</summary>
    public const int DefaultParallelHosts = 64;

    private static readonly TimeSpan ProgressEvery = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Each host's ports, in order. When <paramref name="cancel"/> fires the scan stops and returns what it settled: a
    /// host being scanned has its decided ports only, a host not started yet is null.
    /// </summary>
    public IReadOnlyList<HostPorts?> Scan(
        IReadOnlyList<IPAddress> hosts,
        IReadOnlyList<int> ports,
        ScanTiming limits,
        SendRate rate,
        Action<ScanProgress>? progress,
        CancellationToken cancel,
        IReadOnlyList<TimeSpan?>? discoveryRtts = null,
        int parallelHosts = DefaultParallelHosts)
    {
        var tag = new SynProbeTag(session.Key);
        var results = new HostPorts?[hosts.Count];
        var waiting = new Queue<int>(Enumerable.Range(0, hosts.Count));
        var active = new List<Target>();
        var byAddress = new Dictionary<IPAddress, Target>();
        var start = Stopwatch.GetTimestamp();
        var total = (long)hosts.Count * ports.Count;
        long settledDone = 0;
        long sentDone = 0;
        var lastProgress = TimeSpan.Zero;
        Span<byte> segment = stackalloc byte[SynSegment.Length];
        var channels = new List<RawProbeChannel>();

        while ((waiting.Count > 0 || active.Count > 0) && !cancel.IsCancellationRequested)
        {
            var now = Stopwatch.GetElapsedTime(start);
            while (active.Count < parallelHosts && waiting.TryDequeue(out var next))
            {
                var target = Start(next, hosts[next], ports, limits, discoveryRtts?[next], now);
                active.Add(target);
                byAddress[target.Address] = target;
                if (!channels.Contains(target.Channel))
                {
                    channels.Add(target.Channel);
                }
            }

            foreach (var channel in channels)
            {
                Drain(channel, byAddress, tag, now);
            }

            foreach (var target in active)
            {
                target.Schedule.Expire(now);
            }

            Send(active, rate, tag, segment, now);

            for (var i = active.Count - 1; i >= 0; i--)
            {
                var target = active[i];
                if (limits.HostTimeout is { } hostTimeout && now - target.StartedAt >= hostTimeout && !target.Schedule.TryFinish())
                {
                    // --host-timeout: given up, as nmap does; what settled is kept only to say so, not reported
                    results[target.Index] = new HostPorts(target.Schedule.SettledResults(), target.Schedule.Timing.SmoothedRtt) { TimedOut = true };
                    settledDone += target.Schedule.Count;
                    sentDone += target.Schedule.Sent;
                    byAddress.Remove(target.Address);
                    active.RemoveAt(i);
                }
                else if (target.Schedule.TryFinish())
                {
                    results[target.Index] = new HostPorts(target.Schedule.Results(), target.Schedule.Timing.SmoothedRtt);
                    settledDone += target.Schedule.Count;
                    sentDone += target.Schedule.Sent;
                    byAddress.Remove(target.Address);
                    active.RemoveAt(i);
                }
            }

            if (progress is not null && now - lastProgress >= ProgressEvery)
            {
                lastProgress = now;
                progress(new ScanProgress(settledDone + active.Sum(t => (long)t.Schedule.Settled), total, sentDone + active.Sum(t => t.Schedule.Sent), now));
            }

            if (active.Count > 0)
            {
                RawProbeChannel.Wait(channels, WaitMs(active, rate, Stopwatch.GetElapsedTime(start)));
            }
        }

        foreach (var target in active)
        {
            results[target.Index] = new HostPorts(target.Schedule.SettledResults(), target.Schedule.Timing.SmoothedRtt);
        }

        return results;
    }

    private Target Start(int index, IPAddress address, IReadOnlyList<int> ports, ScanTiming limits, TimeSpan? discoveryRtt, TimeSpan now)
    {
        var (channel, sourcePorts) = session.For(address.AddressFamily);
        var timing = new HostTiming(limits);
        if (discoveryRtt is { } rtt)
        {
            timing.Seed(rtt);
        }

        // a fresh order every scan, as nmap's; the schedule itself (Core) only shuffles with the Random it is given
        var schedule = new PortProbeSchedule(ports, timing, Random.Shared);
        return new Target(index, address, session.SourceFor(address), RawSocketInterop.Sockaddr(address), channel, sourcePorts, schedule, now);
    }

    /// <summary>Every packet waiting: SYN/ACK or RST from a host being scanned to our port, or an unreachable quoting one of our SYNs.</summary>
    private static void Drain(RawProbeChannel channel, Dictionary<IPAddress, Target> byAddress, SynProbeTag tag, TimeSpan now)
    {
        while (channel.TryReceive(out var packet))
        {
            if (packet.IsTcp)
            {
                var reply = packet.Tcp;
                if (byAddress.TryGetValue(packet.From, out var target)
                    && SynScanVerdict.FromTcp(reply.Flags) is { } verdict
                    && tag.TryReadAcknowledged(reply.Acknowledgment, out var port, out var attempt) && port == reply.SourcePort
                    && reply.DestinationPort == target.SourcePortOf(attempt))
                {
                    target.Schedule.OnAnswer(port, attempt, verdict.State, verdict.Reason, now, packet.Ttl);
                }

                continue;
            }

            if (packet.Icmp.Quoted is { Protocol: Core.Probing.ProbeProtocol.Tcp } quoted
                && byAddress.TryGetValue(quoted.Destination, out var quotedTarget)
                && SynScanVerdict.FromIcmp(packet.Icmp.Type, packet.Icmp.Code, channel.IsIpv6) is { } filtered
                && tag.TryRead(quoted.TcpSequence, out var quotedPort, out var quotedAttempt) && quotedPort == quoted.DestinationPort
                && quoted.SourcePort == quotedTarget.SourcePortOf(quotedAttempt))
            {
                quotedTarget.Schedule.OnAnswer(quotedPort, quotedAttempt, filtered.State, filtered.Reason, now, packet.Ttl);
            }
        }
    }

    /// <summary>Round robin over the hosts, one probe each per pass, while the rate cap allows (past the window when behind --min-rate).</summary>
    private static void Send(List<Target> active, SendRate rate, SynProbeTag tag, Span<byte> segment, TimeSpan now)
    {
        foreach (var target in active)
        {
            if (rate.CanSend(now) && target.Schedule.TryTakePing(now, out var port, out var attempt))
            {
                SynSegment.Write(segment, target.Source, target.Address, target.SourcePortOf(attempt), (ushort)port, tag.Sequence(port, attempt), 0, TcpFlags.Syn);
                target.Channel.SendTcp(segment, target.Sockaddr);
                rate.OnSent(now);
            }
        }

        var sent = true;
        while (sent)
        {
            sent = false;
            foreach (var target in active)
            {
                if (!rate.CanSend(now))
                {
                    return;
                }

                if (!target.Schedule.TryTake(now, out var port, out var attempt, pastWindow: rate.IsBehindMinimum(now)))
                {
                    continue;
                }

                SynSegment.Write(segment, target.Source, target.Address, target.SourcePortOf(attempt), (ushort)port, tag.Sequence(port, attempt), 0, TcpFlags.Syn);
                target.Channel.SendTcp(segment, target.Sockaddr);
                rate.OnSent(now);
                sent = true;
            }
        }
    }

    /// <summary>Until the earliest deadline, the next token when a probe waits only for one, or a scan delay; at most 100 ms so cancellation is seen.</summary>
    private static int WaitMs(List<Target> active, SendRate rate, TimeSpan now)
    {
        var wake = now + TimeSpan.FromMilliseconds(100);
        foreach (var target in active)
        {
            if (target.Schedule.NextDeadline is { } deadline && deadline < wake)
            {
                wake = deadline;
            }

            if (target.Schedule.HasProbeReady(now))
            {
                var token = now + rate.WaitForToken(now);
                wake = token < wake ? token : wake;
            }
            else if (target.Schedule.NextSendAllowed > now && target.Schedule.NextSendAllowed < wake)
            {
                wake = target.Schedule.NextSendAllowed;
            }
        }

        return (int)Math.Clamp(Math.Ceiling((wake - now).TotalMilliseconds), 0, 100);
    }

    private sealed record Target(int Index, IPAddress Address, IPAddress Source, byte[] Sockaddr, RawProbeChannel Channel, ushort[] SourcePorts, PortProbeSchedule Schedule, TimeSpan StartedAt)
    {
        public ushort SourcePortOf(int attempt) => SourcePorts[SynProbeTag.SourcePortIndex(attempt, SourcePorts.Length)];
    }
}
