using System.Net;
using System.Net.Sockets;
using NetLens.Core.Probing;
using NetLens.Core.Trace;
using NetLens.Linux.Namespaces;

namespace NetLens.Linux.Probes;

/// <summary>
/// Unprivileged UDP probes: TTL set per probe, ICMP errors read from the socket's error queue (IP_RECVERR),
/// the router named by SO_EE_OFFENDER and the probe by the quoted payload. One bound port per flow (Paris-style):
/// the kernel hands each socket only the errors quoting its own port, so concurrent traces never mix.
/// </summary>
public sealed class UdpErrorQueueProber : PacedProber
{
    /// <summary>traceroute's customary base port; nothing listens there, so the target answers port unreachable.</summary>
    public const ushort DefaultPort = 33434;

    private readonly Socket[] _sockets;
    private readonly IPEndPoint _target;
    private readonly short[] _ready;
    private readonly int _payloadLength;

    private UdpErrorQueueProber(Socket[] sockets, IPEndPoint target, int? packetSize)
        : base([.. sockets.Select(s => new TraceFlow
        {
            Protocol = ProbeProtocol.Udp,
            Target = target.Address,
            SourcePort = (ushort)((IPEndPoint)s.LocalEndPoint!).Port,
            DestinationPort = (ushort)target.Port,
        })])
    {
        _sockets = sockets;
        _target = target;
        _ready = new short[sockets.Length];
        _payloadLength = ProbeSize.Payload(packetSize, target.AddressFamily == AddressFamily.InterNetworkV6, UdpProbePayload.Length);
    }

    public override ProbeMechanism Mechanism => ProbeMechanism.UdpErrorQueue;

    /// <summary>Opens one probe socket per flow, inside <paramref name="netns"/> when given (the sockets stay there).</summary>
    public static UdpErrorQueueProber Open(IPAddress target, ushort port = DefaultPort, string? netns = null, int flows = 1, int? packetSize = null) =>
        netns is null ? Create(target, port, flows, packetSize) : NetworkContext.For(netns).Run(() => Create(target, port, flows, packetSize));

    private static UdpErrorQueueProber Create(IPAddress target, ushort port, int flows, int? packetSize)
    {
        var sockets = new List<Socket>();
        try
        {
            var ipv6 = target.AddressFamily == AddressFamily.InterNetworkV6;
            for (var i = 0; i < flows; i++)
            {
                var socket = new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
                sockets.Add(socket);
                socket.Bind(new IPEndPoint(ipv6 ? IPAddress.IPv6Any : IPAddress.Any, 0));
                ErrorQueue.Enable(socket, ipv6);
            }

            return new UdpErrorQueueProber([.. sockets], new IPEndPoint(target, port), packetSize);
        }
        catch
        {
            sockets.ForEach(s => s.Dispose());
            throw;
        }
    }

    protected override void Send(int flow, int ttl, ushort sequence)
    {
        // Zeros after the sequence pad the probe to --psize; the quote still begins with the sequence.
        Span<byte> payload = stackalloc byte[_payloadLength];
        payload.Clear();
        UdpProbePayload.Write(payload, sequence);
        var socket = _sockets[flow];
        socket.Ttl = (short)ttl;
        SendDespitePendingErrors(socket, payload, _target);
    }

    protected override void Receive(TimeSpan wait, List<ProbeReply> replies)
    {
        if (SocketPoll.Wait(_sockets, ProbeInterop.POLLERR, wait, _ready) == 0)
        {
            return;
        }

        // Room for a 128-byte quote and its RFC 4884 extensions (MPLS labels), which the queue hands over after it.
        Span<byte> quoted = stackalloc byte[512];
        for (var flow = 0; flow < _sockets.Length; flow++)
        {
            while (_ready[flow] != 0 && ErrorQueue.TryRead(_sockets[flow], quoted, out var length, out var error, out var receivedAt))
            {
                // The data is the quoted payload of our probe; a router quoting only 8 bytes leaves it empty.
                if (error.Offender is { } responder && error.Origin is ExtendedErrorOrigin.Icmp or ExtendedErrorOrigin.Icmp6
                    && UdpProbePayload.TryReadSequence(quoted[..length], out var sequence)
                    && ProbeOutcomes.Of(IcmpDecoder.KindOf(error.Type, error.Code, error.Origin == ExtendedErrorOrigin.Icmp6), responder, _target.Address) is { } outcome)
                {
                    replies.Add(new ProbeReply(flow, sequence, outcome, responder, receivedAt)
                    {
                        Code = error.CodeOf(outcome),
                        // The data starts after the quoted IP and UDP headers (we send no IP options or extension headers).
                        Mpls = IcmpExtensions.ReadMplsAfterQuote(quoted[..length], (_target.AddressFamily == AddressFamily.InterNetworkV6 ? 40 : 20) + 8),
                    });
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
