using System.Diagnostics;
using System.Net;
using NetLens.Core.Probing;
using NetLens.Core.Scanning;

namespace NetLens.Linux.Scanning;

/// <summary>
/// Privileged host discovery over raw sockets, all hosts of a block at once: per round an ICMP echo, a TCP SYN to 443,
/// a TCP ACK to 80 and (IPv4) an ICMP timestamp request; the first answer from the host's own address proves it up.
/// Silent hosts get more rounds; the round timeout follows the RTT the answering hosts showed.
/// </summary>
public sealed class RawHostDiscovery(RawProbeSession session)
{
    /// <summary>
    /// Up or down for each host, in order; <paramref name="rounds"/> defaults to one more than the retries the timing
    /// allows. When <paramref name="cancel"/> fires, the hosts not decided by then are null.
    /// </summary>
    public IReadOnlyList<HostStatus?> Discover(IReadOnlyList<IPAddress> hosts, ScanTiming limits, SendRate rate, CancellationToken cancel, int? rounds = null)
    {
        var tag = new SynProbeTag(session.Key);
        var identifier = (ushort)(session.Key >> 16);
        var timing = new HostTiming(limits);
        var maxRounds = rounds ?? limits.MaxRetries + 1;
        var states = hosts.Select((address, i) => new Pending(i, address)).ToArray();
        var byAddress = states.ToDictionary(s => s.Address);
        var results = new HostStatus?[hosts.Count];
        var start = Stopwatch.GetTimestamp();
        var channels = new List<RawProbeChannel>();
        var unsent = new Queue<Pending>(states);
        var waiting = new PriorityQueue<Pending, TimeSpan>();
        var open = hosts.Count;
        Span<byte> packet = stackalloc byte[Math.Max(SynSegment.Length, DiscoveryProbes.TimestampLength)];

        while (open > 0 && !cancel.IsCancellationRequested)
        {
            var now = Stopwatch.GetElapsedTime(start);
            foreach (var channel in channels)
            {
                while (channel.TryReceive(out var reply))
                {
                    if (byAddress.TryGetValue(reply.From, out var host) && !host.Done
                        && Proof(reply, tag, identifier, channel.IsIpv6) is { } proof
                        && (!reply.IsTcp || reply.Tcp.DestinationPort == SourcePortOf(session.For(host.Address.AddressFamily).SourcePorts, proof.Round)))
                    {
                        // an answer to the latest round times it; an earlier round's answer only proves the host up
                        TimeSpan? rtt = proof.Round == host.Round ? now - host.SentAt : null;
                        timing.OnReply(rtt, proof.Round);
                        host.Done = true;
                        results[host.Index] = new HostStatus(true, proof.Reason, rtt ?? timing.SmoothedRtt) { Ttl = reply.Ttl };
                        open--;
                    }
                }
            }

            while (waiting.TryPeek(out var silent, out var deadline) && deadline <= now)
            {
                waiting.Dequeue();
                if (silent.Done)
                {
                    continue;
                }

                if (silent.Round < maxRounds)
                {
                    unsent.Enqueue(silent);
                }
                else
                {
                    silent.Done = true;
                    results[silent.Index] = HostStatus.Down;
                    open--;
                }
            }

            while (unsent.TryPeek(out var next) && rate.CanSend(now))
            {
                unsent.Dequeue();
                if (next.Done)
                {
                    continue;
                }

                var (channel, sourcePorts) = session.For(next.Address.AddressFamily);
                if (!channels.Contains(channel))
                {
                    channels.Add(channel);
                }

                if (session.TrySourceFor(next.Address) is not { } source)
                {
                    // no route: nothing can be sent, as nmap reports a host it cannot reach
                    next.Done = true;
                    results[next.Index] = new HostStatus(false, PortReason.NetUnreach, null);
                    open--;
                    continue;
                }

                next.Round++;
                next.SentAt = now;
                SendRound(next, source, channel, SourcePortOf(sourcePorts, next.Round), tag, identifier, packet, rate, now);
                waiting.Enqueue(next, now + timing.Timeout);
            }

            if (open > 0)
            {
                var wake = waiting.TryPeek(out _, out var first) ? first : now + TimeSpan.FromMilliseconds(100);
                if (unsent.Count > 0)
                {
                    wake = now + rate.WaitForToken(now);
                }

                RawProbeChannel.Wait(channels, (int)Math.Clamp(Math.Ceiling((wake - Stopwatch.GetElapsedTime(start)).TotalMilliseconds), 0, 100));
            }
        }

        return results;
    }

    private static void SendRound(Pending host, IPAddress source, RawProbeChannel channel, ushort sourcePort, SynProbeTag tag, ushort identifier, Span<byte> packet, SendRate rate, TimeSpan now)
    {
        var sequence = (ushort)host.Round;

        var length = IcmpEchoRequest.Write(packet, channel.IsIpv6, identifier, sequence, []);
        channel.SendIcmp(packet[..length], host.Sockaddr);
        SynSegment.Write(packet, source, host.Address, sourcePort, DiscoveryProbes.SynPort, tag.Sequence(DiscoveryProbes.SynPort, host.Round), 0, TcpFlags.Syn);
        channel.SendTcp(packet[..SynSegment.Length], host.Sockaddr);

        // an unexpected ACK draws a RST whose sequence is the ACK's acknowledgment number
        SynSegment.Write(packet, source, host.Address, sourcePort, DiscoveryProbes.AckPort, 0, tag.Sequence(DiscoveryProbes.AckPort, host.Round), TcpFlags.Ack);
        channel.SendTcp(packet[..SynSegment.Length], host.Sockaddr);
        var sent = 3;
        if (!channel.IsIpv6)
        {
            length = DiscoveryProbes.WriteTimestampRequest(packet, identifier, sequence, (uint)(DateTime.UtcNow.TimeOfDay.TotalMilliseconds));
            channel.SendIcmp(packet[..length], host.Sockaddr);
            sent++;
        }

        for (var i = 0; i < sent; i++)
        {
            rate.OnSent(now);
        }
    }

    private static ushort SourcePortOf(ushort[] ports, int round) => ports[SynProbeTag.SourcePortIndex(round, ports.Length)];

    /// <summary>Which round an answer belongs to and what nmap's --reason calls it; null when it answers none of our probes.</summary>
    private static (int Round, PortReason Reason)? Proof(in RawPacket reply, SynProbeTag tag, ushort identifier, bool ipv6)
    {
        if (reply.IsTcp)
        {
            var tcp = reply.Tcp;
            if (tcp.SourcePort == DiscoveryProbes.SynPort && SynScanVerdict.FromTcp(tcp.Flags) is { } verdict
                && tag.TryReadAcknowledged(tcp.Acknowledgment, out var port, out var round) && port == DiscoveryProbes.SynPort)
            {
                return (round, verdict.Reason);
            }

            if (tcp.SourcePort == DiscoveryProbes.AckPort && (tcp.Flags & TcpFlags.Rst) != 0
                && tag.TryRead(tcp.Sequence, out port, out round) && port == DiscoveryProbes.AckPort)
            {
                return (round, PortReason.Reset);
            }

            return null;
        }

        var icmp = reply.Icmp;
        return DiscoveryProbes.ProofOfLife(icmp, ipv6) is { } reason && icmp.Identifier == identifier && icmp.Sequence >= 1
            ? (icmp.Sequence, reason)
            : null;
    }

    private sealed class Pending(int index, IPAddress address)
    {
        public int Index { get; } = index;

        public IPAddress Address { get; } = address;

        public byte[] Sockaddr { get; } = RawSocketInterop.Sockaddr(address);

        public int Round { get; set; }

        public TimeSpan SentAt { get; set; }

        public bool Done { get; set; }
    }
}
