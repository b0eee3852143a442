using System.Net;
using System.Net.Sockets;
using NetLens.Core.Probing;
using NetLens.Core.Trace;
using NetLens.Linux.Namespaces;

namespace NetLens.Linux.Probes;

/// <summary>
/// ICMP echo probes over a raw socket (CAP_NET_RAW), IPv4 and IPv6: every flow has its own identifier, every probe
/// carries the trace's random tag and a payload word that keeps the checksum constant (Paris-style). The socket sees
/// all ICMP of the host, so a message counts only if it quotes (or echoes) our identifier, sequence and tag.
/// </summary>
public sealed class RawIcmpProber : PacedProber
{
    private readonly RawIcmpSocket _socket;
    private readonly IPEndPoint _target;
    private readonly Socket[] _pollSet;
    private readonly short[] _ready = new short[1];
    private readonly int _payloadLength;

    private RawIcmpProber(RawIcmpSocket socket, IPAddress target, IReadOnlyList<TraceFlow> flows, int? packetSize)
        : base(flows)
    {
        _payloadLength = ProbeSize.Payload(packetSize, target.AddressFamily == AddressFamily.InterNetworkV6, IcmpProbePayload.Length);
        _socket = socket;
        _pollSet = [socket.Socket];
        _target = new IPEndPoint(target, 0);
    }

    public override ProbeMechanism Mechanism => ProbeMechanism.RawSocket;

    /// <summary>Opens the raw socket (inside <paramref name="netns"/> when given); throws SocketException without CAP_NET_RAW.</summary>
    public static RawIcmpProber Open(IPAddress target, string? netns = null, int flows = 1, int? packetSize = null) =>
        netns is null ? Create(target, flows, packetSize) : NetworkContext.For(netns).Run(() => Create(target, flows, packetSize));

    private static RawIcmpProber Create(IPAddress target, int flows, int? packetSize)
    {
        var tag = (uint)Random.Shared.Next(1, int.MaxValue);
        var first = Random.Shared.Next(0x10000);

        // Consecutive identifiers, one per flow: distinct within the trace, random against other tracers (the tag settles the rest).
        var flowList = Enumerable.Range(0, flows)
            .Select(i => new TraceFlow { Protocol = ProbeProtocol.Icmp, Target = target, Identifier = (ushort)(first + i), Tag = tag })
            .ToList();
        return new RawIcmpProber(RawIcmpSocket.Open(target.AddressFamily), target, flowList, packetSize);
    }

    protected override void Send(int flow, int ttl, ushort sequence)
    {
        // Zeros past the tag pad the probe to --psize and leave the checksum as the tag's word keeps it.
        Span<byte> payload = stackalloc byte[_payloadLength];
        Span<byte> request = stackalloc byte[IcmpEchoRequest.HeaderLength + _payloadLength];
        payload.Clear();
        IcmpProbePayload.Write(payload, Flows[flow].Tag, sequence);
        IcmpEchoRequest.Write(request, _socket.Ipv6, Flows[flow].Identifier, sequence, payload);
        _socket.Socket.Ttl = (short)ttl;
        LocalFirewall.SendTo(_socket.Socket, request, _target);
    }

    protected override void Receive(TimeSpan wait, List<ProbeReply> replies)
    {
        if (SocketPoll.Wait(_pollSet, ProbeInterop.POLLIN, wait, _ready) == 0)
        {
            return;
        }

        Span<byte> buffer = stackalloc byte[1500];
        while (_socket.TryRead(buffer, out var sender, out var message, out var receivedAt))
        {
            if (sender is null || message.Kind == IcmpMessageKind.Other
                || (message.Kind == IcmpMessageKind.EchoReply && !ProbeOutcomes.SameHost(sender, _target.Address))
                || ProbeOutcomes.Of(message.Kind, sender, _target.Address) is not { } outcome)
            {
                continue;
            }

            for (var flow = 0; flow < Flows.Count; flow++)
            {
                if (Flows[flow].TryMatch(message, out var sequence))
                {
                    replies.Add(new ProbeReply(flow, sequence, outcome, sender, receivedAt) { Mpls = message.Mpls, Code = Unreachable(outcome, message) });
                    break;
                }
            }
        }
    }

    public override void Dispose() => _socket.Dispose();

    private UnreachableCode? Unreachable(ProbeOutcome outcome, IcmpMessage message) =>
        outcome == ProbeOutcome.Unreachable ? UnreachableCode.Of(message.Type, message.Code, _target.AddressFamily == AddressFamily.InterNetworkV6) : null;
}
