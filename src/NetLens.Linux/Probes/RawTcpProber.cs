using System.Net;
using System.Net.Sockets;
using NetLens.Core.Probing;
using NetLens.Core.Trace;
using NetLens.Linux.Namespaces;

namespace NetLens.Linux.Probes;

/// <summary>
/// TCP SYN probes over a raw socket (CAP_NET_RAW), IPv4 and IPv6: the same source and destination port for every probe
/// of a flow (Paris-style), each SYN numbered by a 32-bit counter in its sequence number. Routers' time exceeded is
/// read from a raw ICMP socket (it quotes ports and sequence), the destination's SYN-ACK or RST from the raw TCP socket
/// (it acknowledges sequence + 1). Each flow's source port is held by a bound TCP socket, so no other program or trace
/// gets it while we probe; the kernel answers the SYN-ACK with a RST, as no connection exists.
/// </summary>
public sealed class RawTcpProber : PacedProber
{
    private readonly Socket _tcp;
    private readonly RawIcmpSocket _icmp;
    private readonly Socket[] _portHolders;
    private readonly Socket[] _pollSet;
    private readonly short[] _ready = new short[2];
    private readonly IPAddress _source;
    private readonly IPEndPoint _target;
    private readonly bool _ipv6;

    // SYN sequence number → the probe it carries, while the probe is out.
    private readonly Dictionary<uint, (int Flow, ushort Sequence)> _sent = [];
    private readonly Dictionary<(int Flow, ushort Sequence), uint> _numbers = [];
    private uint _nextNumber = (uint)Random.Shared.NextInt64(0, uint.MaxValue);

    private RawTcpProber(Socket tcp, RawIcmpSocket icmp, Socket[] portHolders, IPAddress source, IPEndPoint target)
        : base([.. portHolders.Select(s => new TraceFlow
        {
            Protocol = ProbeProtocol.Tcp,
            Target = target.Address,
            SourcePort = (ushort)((IPEndPoint)s.LocalEndPoint!).Port,
            DestinationPort = (ushort)target.Port,
        })])
    {
        _tcp = tcp;
        _icmp = icmp;
        _portHolders = portHolders;
        _pollSet = [tcp, icmp.Socket];
        _source = source;
        _target = target;
        _ipv6 = target.AddressFamily == AddressFamily.InterNetworkV6;
    }

    public override ProbeMechanism Mechanism => ProbeMechanism.RawSocket;

    /// <summary>Opens the sockets (inside <paramref name="netns"/> when given); throws SocketException without CAP_NET_RAW.</summary>
    public static RawTcpProber Open(IPAddress target, ushort port, string? netns = null, int flows = 1) =>
        netns is null ? Create(target, port, flows) : NetworkContext.For(netns).Run(() => Create(target, port, flows));

    private static RawTcpProber Create(IPAddress target, ushort port, int flows)
    {
        var family = target.AddressFamily;
        var disposables = new List<IDisposable>();
        try
        {
            // The checksum covers the source address, which only a route lookup knows: connect() a UDP socket to ask the kernel.
            IPAddress source;
            using (var lookup = new Socket(family, SocketType.Dgram, ProtocolType.Udp))
            {
                lookup.Connect(target, port);
                source = ((IPEndPoint)lookup.LocalEndPoint!).Address;
            }

            var holders = new Socket[flows];
            for (var i = 0; i < flows; i++)
            {
                holders[i] = new Socket(family, SocketType.Stream, ProtocolType.Tcp);
                disposables.Add(holders[i]);
                holders[i].Bind(new IPEndPoint(source, 0));
            }

            var tcp = new Socket(family, SocketType.Raw, ProtocolType.Tcp);
            disposables.Add(tcp);
            tcp.ReceiveBufferSize = 1 << 20;
            tcp.Bind(new IPEndPoint(source, 0));
            var icmp = RawIcmpSocket.Open(family);
            disposables.Add(icmp);
            return new RawTcpProber(tcp, icmp, holders, source, new IPEndPoint(target, port));
        }
        catch
        {
            disposables.ForEach(d => d.Dispose());
            throw;
        }
    }

    protected override void Send(int flow, int ttl, ushort sequence)
    {
        Span<byte> syn = stackalloc byte[TcpSynProbe.Length];
        var f = Flows[flow];
        var number = _nextNumber++;
        _sent[number] = (flow, sequence);
        _numbers[(flow, sequence)] = number;
        TcpSynProbe.Write(syn, _source, _target.Address, f.SourcePort, f.DestinationPort, number);
        _tcp.Ttl = (short)ttl;

        // Raw sockets take the protocol, not a port, in the address; 0 means the socket's own.
        LocalFirewall.SendTo(_tcp, syn, new IPEndPoint(_target.Address, 0));
    }

    protected override void Receive(TimeSpan wait, List<ProbeReply> replies)
    {
        if (SocketPoll.Wait(_pollSet, ProbeInterop.POLLIN, wait, _ready) == 0)
        {
            return;
        }

        Span<byte> buffer = stackalloc byte[1500];
        while (_ready[0] != 0 && ErrorQueue.TryReceive(_tcp, buffer, out var length, out var sender, out var receivedAt))
        {
            var segment = buffer[..length];
            if (!_ipv6)
            {
                // IPv4 raw sockets deliver the IP header too.
                if (!IpPacket.TryReadIpv4(segment, out sender, out var protocol, out var offset) || protocol != IcmpTypes.IpProtocolTcp)
                {
                    continue;
                }

                segment = segment[offset..];
            }

            if (sender is not null && TcpSegmentHeader.TryRead(segment, out var header))
            {
                AddIfOurs(replies, flow => Flows[flow].TryMatchAnswer(sender, header, out var number) ? number : null, ProbeOutcome.DestinationReached, sender, receivedAt);
            }
        }

        while (_ready[1] != 0 && _icmp.TryRead(buffer, out var sender, out var message, out var receivedAt))
        {
            if (sender is not null && message.IsError && ProbeOutcomes.Of(message.Kind, sender, _target.Address) is { } outcome)
            {
                AddIfOurs(replies, flow => Flows[flow].TryMatchTcp(message, out var number) ? number : null, outcome, sender, receivedAt,
                    outcome == ProbeOutcome.Unreachable ? UnreachableCode.Of(message.Type, message.Code, _ipv6) : null);
            }
        }
    }

    public override void Dispose()
    {
        _tcp.Dispose();
        _icmp.Dispose();
        foreach (var holder in _portHolders)
        {
            holder.Dispose();
        }
    }

    protected override void Forget(int flow, ushort sequence)
    {
        if (_numbers.Remove((flow, sequence), out var number))
        {
            _sent.Remove(number);
        }
    }

    /// <summary>Adds the reply if a flow's ports match and the SYN it names is still out (a resent SYN-ACK for an old one is not).</summary>
    private void AddIfOurs(List<ProbeReply> replies, Func<int, uint?> match, ProbeOutcome outcome, IPAddress sender, long receivedAt, UnreachableCode? code = null)
    {
        for (var flow = 0; flow < Flows.Count; flow++)
        {
            if (match(flow) is { } number && _sent.TryGetValue(number, out var probe) && probe.Flow == flow)
            {
                _sent.Remove(number);
                _numbers.Remove(probe);
                replies.Add(new ProbeReply(flow, probe.Sequence, outcome, sender, receivedAt) { Code = code });
                return;
            }
        }
    }
}
