using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using NetLens.Core.Probing;
using NetLens.Core.Trace;
using NetLens.Linux.Namespaces;

namespace NetLens.Linux.Probes;

/// <summary>
/// ICMP echo probes over ICMP datagram sockets (SOCK_DGRAM, IPPROTO_ICMP/ICMPV6; net.ipv4.ping_group_range):
/// echo replies arrive as data, time exceeded and unreachable through the error queue with the quoted echo header.
/// The kernel owns the identifier (each socket's bound "port", one socket per flow), so two traces never share one.
/// </summary>
public sealed class IcmpDatagramProber : PacedProber
{
    private readonly Socket[] _sockets;
    private readonly IPEndPoint _target;
    private readonly bool _ipv6;
    private readonly short[] _ready;
    private readonly int _payloadLength;

    private IcmpDatagramProber(Socket[] sockets, IPEndPoint target, int? packetSize)
        : base([.. sockets.Select(s => new TraceFlow
        {
            Protocol = ProbeProtocol.Icmp,
            Target = target.Address,
            Identifier = (ushort)((IPEndPoint)s.LocalEndPoint!).Port,
        })])
    {
        _sockets = sockets;
        _target = target;
        _ipv6 = target.AddressFamily == AddressFamily.InterNetworkV6;
        _ready = new short[sockets.Length];
        _payloadLength = ProbeSize.Payload(packetSize, _ipv6, 0);
    }

    public override ProbeMechanism Mechanism => ProbeMechanism.IcmpDatagram;

    /// <summary>Opens the sockets (inside <paramref name="netns"/> when given); throws SocketException with EACCES when ping_group_range forbids it.</summary>
    public static IcmpDatagramProber Open(IPAddress target, string? netns = null, int flows = 1, int? packetSize = null) =>
        netns is null ? Create(target, flows, packetSize) : NetworkContext.For(netns).Run(() => Create(target, flows, packetSize));

    private static IcmpDatagramProber Create(IPAddress target, int flows, int? packetSize)
    {
        var ipv6 = target.AddressFamily == AddressFamily.InterNetworkV6;
        var sockets = new List<Socket>();
        try
        {
            for (var i = 0; i < flows; i++)
            {
                var socket = new Socket(target.AddressFamily, SocketType.Dgram, ipv6 ? ProtocolType.IcmpV6 : ProtocolType.Icmp);
                sockets.Add(socket);
                socket.Bind(new IPEndPoint(ipv6 ? IPAddress.IPv6Any : IPAddress.Any, 0));
                ErrorQueue.Enable(socket, ipv6);
            }

            return new IcmpDatagramProber([.. sockets], new IPEndPoint(target, 0), packetSize);
        }
        catch
        {
            sockets.ForEach(s => s.Dispose());
            throw;
        }
    }

    protected override void Send(int flow, int ttl, ushort sequence)
    {
        // The kernel sets the identifier and checksum of a datagram echo; zeros pad it to --psize.
        Span<byte> request = stackalloc byte[IcmpEchoRequest.HeaderLength + _payloadLength];
        request.Clear();
        IcmpEchoRequest.Write(request, _ipv6, Flows[flow].Identifier, sequence, request[IcmpEchoRequest.HeaderLength..]);
        var socket = _sockets[flow];
        socket.Ttl = (short)ttl;
        SendDespitePendingErrors(socket, request, _target);
    }

    protected override void Receive(TimeSpan wait, List<ProbeReply> replies)
    {
        if (SocketPoll.Wait(_sockets, ProbeInterop.POLLERR | ProbeInterop.POLLIN, wait, _ready) == 0)
        {
            return;
        }

        // Room for a 128-byte quote and its RFC 4884 extensions (MPLS labels), which the queue hands over after it.
        Span<byte> data = stackalloc byte[512];
        for (var flow = 0; flow < _sockets.Length; flow++)
        {
            if (_ready[flow] == 0)
            {
                continue;
            }

            // Errors quote our echo header: the sequence sits at bytes 6-7 of what the queue hands back.
            while (ErrorQueue.TryRead(_sockets[flow], data, out var length, out var error, out var receivedAt))
            {
                if (length >= IcmpEchoRequest.HeaderLength && error.Offender is { } responder
                    && error.Origin is ExtendedErrorOrigin.Icmp or ExtendedErrorOrigin.Icmp6
                    && ProbeOutcomes.Of(IcmpDecoder.KindOf(error.Type, error.Code, error.Origin == ExtendedErrorOrigin.Icmp6), responder, _target.Address) is { } outcome)
                {
                    // The data starts at the quoted echo header, after the quoted IP header (we send no options).
                    var mpls = IcmpExtensions.ReadMplsAfterQuote(data[..length], _ipv6 ? 40 : 20);
                    replies.Add(new ProbeReply(flow, BinaryPrimitives.ReadUInt16BigEndian(data[6..]), outcome, responder, receivedAt) { Mpls = mpls, Code = error.CodeOf(outcome) });
                }
            }

            while (ErrorQueue.TryReceive(_sockets[flow], data, out var length, out var from, out var receivedAt))
            {
                // The kernel delivers only echo replies carrying this socket's identifier here.
                if (from is not null && IcmpDecoder.TryDecode(data[..length], _ipv6, out var reply) && reply.Kind == IcmpMessageKind.EchoReply)
                {
                    replies.Add(new ProbeReply(flow, reply.Sequence, ProbeOutcome.DestinationReached, from, receivedAt));
                }
            }
        }
    }

    public override void Dispose()
    {
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }
    }
}
