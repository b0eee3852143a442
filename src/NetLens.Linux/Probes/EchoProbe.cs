using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using NetLens.Core.Probing;
using NetLens.Linux.Namespaces;

namespace NetLens.Linux.Probes;

/// <summary>One ICMP echo as a ping sends it, with the options a probe module may set.</summary>
public sealed record EchoProbeRequest(IPAddress Target)
{
    public IPAddress? Source { get; init; }

    /// <summary>Bytes after the echo header.</summary>
    public ReadOnlyMemory<byte> Payload { get; init; }

    public int Ttl { get; init; } = 64;

    /// <summary>IPv4 DF: the kernel refuses to fragment (IP_PMTUDISC_DO) instead of splitting the echo.</summary>
    public bool DontFragment { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(1);
}

/// <summary>What one echo came to: the socket's set-up and the round trip timed apart, the reply's hop limit when the kernel gave it.</summary>
public sealed record EchoProbeResult(ProbeMechanism Mechanism, TimeSpan Setup, bool Replied, TimeSpan RoundTrip, int? ReplyHopLimit, string? Failure);

/// <summary>
/// A single ICMP echo, request and reply, over an ICMP datagram socket when net.ipv4.ping_group_range allows it, else
/// a raw socket (CAP_NET_RAW). The reply's TTL / hop limit comes from IP_RECVTTL / IPV6_RECVHOPLIMIT control messages.
/// The trace probers probe by TTL for hops; this one asks one question of the destination, as blackbox's icmp prober.
/// </summary>
public static unsafe class EchoProbe
{
    private const int IP_MTU_DISCOVER = 10;
    private const int IP_PMTUDISC_DO = 2;
    private const int IP_RECVTTL = 12;
    private const int IP_TTL = 2;
    private const int IPV6_RECVHOPLIMIT = 51;
    private const int IPV6_HOPLIMIT = 52;

    private static int s_sequence = Random.Shared.Next(1 << 16);

    public static EchoProbeResult Send(EchoProbeRequest request, NetworkContext context, CancellationToken cancellation)
    {
        var ipv6 = request.Target.AddressFamily == AddressFamily.InterNetworkV6;
        var setupStart = Stopwatch.GetTimestamp();
        Socket socket;
        ProbeMechanism mechanism;
        try
        {
            (socket, mechanism) = context.Run(() => Open(ipv6));
        }
        catch (SocketException e)
        {
            return new EchoProbeResult(ProbeMechanism.IcmpDatagram, Stopwatch.GetElapsedTime(setupStart), false, TimeSpan.Zero, null,
                $"cannot open an ICMP socket: {e.Message} (allow ping sockets with net.ipv4.ping_group_range, or give CAP_NET_RAW)");
        }

        using (socket)
        {
            try
            {
                Configure(socket, request, ipv6);
            }
            catch (SocketException e)
            {
                return new EchoProbeResult(mechanism, Stopwatch.GetElapsedTime(setupStart), false, TimeSpan.Zero, null, $"cannot set up the ICMP socket: {e.Message}");
            }

            // Datagram sockets: the kernel sets and filters the identifier (the bound "port").
            var identifier = mechanism == ProbeMechanism.IcmpDatagram ? (ushort)((IPEndPoint)socket.LocalEndPoint!).Port : (ushort)Random.Shared.Next(1 << 16);
            var sequence = (ushort)Interlocked.Increment(ref s_sequence);
            var packet = new byte[IcmpEchoRequest.HeaderLength + request.Payload.Length];
            IcmpEchoRequest.Write(packet, ipv6, identifier, sequence, request.Payload.Span);
            var setup = Stopwatch.GetElapsedTime(setupStart);

            var sentAt = Stopwatch.GetTimestamp();
            try
            {
                socket.SendTo(packet, new IPEndPoint(request.Target, 0));
            }
            catch (SocketException e)
            {
                return new EchoProbeResult(mechanism, setup, false, TimeSpan.Zero, null, $"sending the echo failed: {e.Message}");
            }

            var deadline = sentAt + (long)(request.Timeout.TotalSeconds * Stopwatch.Frequency);
            var buffer = new byte[65536];
            while (!cancellation.IsCancellationRequested)
            {
                var left = deadline - Stopwatch.GetTimestamp();
                if (left <= 0)
                {
                    break;
                }

                // Slices of at most 100 ms, so a cancellation is seen soon.
                var waitMs = (int)Math.Clamp(left * 1000 / Stopwatch.Frequency, 1, 100);
                if (!ErrorQueue.Wait(socket, waitMs, orReadable: true))
                {
                    continue;
                }

                while (TryReceive(socket, buffer, ipv6, out var length, out var from, out var hopLimit, out var receivedAt))
                {
                    var icmp = buffer.AsSpan(0, length);
                    if (mechanism == ProbeMechanism.RawSocket && !ipv6)
                    {
                        // Raw IPv4 sockets hand over the IP header too.
                        var headerLength = (icmp[0] & 0x0f) * 4;
                        icmp = length > headerLength ? icmp[headerLength..] : [];
                    }

                    if (from is not null && from.Equals(request.Target)
                        && IcmpDecoder.TryDecode(icmp, ipv6, out var reply) && reply.Kind == IcmpMessageKind.EchoReply
                        && reply.Identifier == identifier && reply.Sequence == sequence)
                    {
                        return new EchoProbeResult(mechanism, setup, true, Stopwatch.GetElapsedTime(sentAt, receivedAt), hopLimit, null);
                    }
                }
            }

            return new EchoProbeResult(mechanism, setup, false, TimeSpan.Zero, null, "no echo reply within the timeout");
        }
    }

    private static (Socket, ProbeMechanism) Open(bool ipv6)
    {
        var family = ipv6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;
        var protocol = ipv6 ? ProtocolType.IcmpV6 : ProtocolType.Icmp;
        try
        {
            return (new Socket(family, SocketType.Dgram, protocol), ProbeMechanism.IcmpDatagram);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.AccessDenied or SocketError.ProtocolNotSupported)
        {
            // ping_group_range excludes us: the raw socket is the fallback, and needs CAP_NET_RAW.
            return (new Socket(family, SocketType.Raw, protocol), ProbeMechanism.RawSocket);
        }
    }

    private static void Configure(Socket socket, EchoProbeRequest request, bool ipv6)
    {
        Span<byte> on = [1, 0, 0, 0];
        if (ipv6)
        {
            socket.SetRawSocketOption(ProbeInterop.SOL_IPV6, IPV6_RECVHOPLIMIT, on);
            socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.HopLimit, request.Ttl);
        }
        else
        {
            socket.SetRawSocketOption(ProbeInterop.SOL_IP, IP_RECVTTL, on);
            socket.Ttl = (short)request.Ttl;
            if (request.DontFragment)
            {
                Span<byte> value = stackalloc byte[4];
                BinaryPrimitives.WriteInt32LittleEndian(value, IP_PMTUDISC_DO);
                socket.SetRawSocketOption(ProbeInterop.SOL_IP, IP_MTU_DISCOVER, value);
            }
        }

        socket.Bind(new IPEndPoint(request.Source ?? (ipv6 ? IPAddress.IPv6Any : IPAddress.Any), 0));
    }

    /// <summary>recvmsg without blocking, reading the sender and the TTL / hop limit control message.</summary>
    private static bool TryReceive(Socket socket, Span<byte> data, bool ipv6, out int length, out IPAddress? from, out int? hopLimit, out long receivedAt)
    {
        length = 0;
        from = null;
        hopLimit = null;
        receivedAt = 0;
        Span<byte> name = stackalloc byte[128];
        Span<byte> control = stackalloc byte[256];
        fixed (byte* dataPointer = data)
        fixed (byte* namePointer = name)
        fixed (byte* controlPointer = control)
        {
            var vector = new IoVector { Base = dataPointer, Length = (nuint)data.Length };
            var header = new MessageHeader
            {
                Name = namePointer,
                NameLength = (uint)name.Length,
                Iov = &vector,
                IovLength = 1,
                Control = controlPointer,
                ControlLength = (nuint)control.Length,
            };
            var received = ProbeInterop.recvmsg(socket.Handle, &header, ProbeInterop.MSG_DONTWAIT);
            if (received < 0)
            {
                return false;
            }

            receivedAt = Stopwatch.GetTimestamp();
            length = (int)received;
            from = ExtendedErrorParser.ReadSockaddr(name[..(int)header.NameLength]);
            hopLimit = ReadHopLimit(control[..(int)header.ControlLength], ipv6 ? ProbeInterop.SOL_IPV6 : ProbeInterop.SOL_IP, ipv6 ? IPV6_HOPLIMIT : IP_TTL);
            return true;
        }
    }

    /// <summary>One int control message (IP_TTL / IPV6_HOPLIMIT), or null when the kernel sent none.</summary>
    internal static int? ReadHopLimit(ReadOnlySpan<byte> control, int level, int type) =>
        ControlMessages.Find(control, level, type) is { Length: >= 4 } data ? BinaryPrimitives.ReadInt32LittleEndian(data) : null;
}
