using System.Net;
using System.Net.Sockets;
using NetLens.Core.Probing;

namespace NetLens.Linux.Probes;

/// <summary>
/// A raw ICMP (or ICMPv6) socket: it receives every ICMP message the host gets, so callers match by what a message
/// quotes. The kernel is told to pass only the types a tracer reads (echo reply, unreachable, too big, time exceeded).
/// </summary>
internal sealed class RawIcmpSocket : IDisposable
{
    private const int ReceiveBuffer = 1 << 20;

    private RawIcmpSocket(Socket socket, bool ipv6)
    {
        Socket = socket;
        Ipv6 = ipv6;
    }

    public Socket Socket { get; }

    public bool Ipv6 { get; }

    /// <summary>Opens the socket; throws SocketException (EPERM) without CAP_NET_RAW.</summary>
    public static RawIcmpSocket Open(AddressFamily family)
    {
        var ipv6 = family == AddressFamily.InterNetworkV6;
        var socket = new Socket(family, SocketType.Raw, ipv6 ? ProtocolType.IcmpV6 : ProtocolType.Icmp);
        try
        {
            socket.ReceiveBufferSize = ReceiveBuffer;
            if (ipv6)
            {
                socket.SetRawSocketOption(ProbeInterop.IPPROTO_ICMPV6, ProbeInterop.ICMP6_FILTER, Icmp6Filter());
            }
            else
            {
                socket.SetRawSocketOption(ProbeInterop.SOL_RAW, ProbeInterop.ICMP_FILTER, IcmpFilter());
            }

            return new RawIcmpSocket(socket, ipv6);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Reads one waiting message without blocking; false when none is left. Messages that do not decode come back as <see cref="IcmpMessageKind.Other"/>.</summary>
    public bool TryRead(Span<byte> buffer, out IPAddress? sender, out IcmpMessage message, out long receivedAt)
    {
        message = default;
        if (!ErrorQueue.TryReceive(Socket, buffer, out var length, out sender, out receivedAt))
        {
            return false;
        }

        // IPv4 raw sockets deliver the IP header too (the sender is read from it); ICMPv6 ones only the message.
        var decoded = Ipv6
            ? IcmpDecoder.TryDecode(buffer[..length], ipv6: true, out message)
            : IcmpDecoder.TryDecodeIpv4Packet(buffer[..length], out sender, out message);
        if (!decoded)
        {
            message = new IcmpMessage { Kind = IcmpMessageKind.Other, Type = 0, Code = 0 };
        }

        return true;
    }

    public void Dispose() => Socket.Dispose();

    /// <summary>ICMP_FILTER (linux/icmp.h): a bit set for every type to drop.</summary>
    private static byte[] IcmpFilter()
    {
        var pass = (1u << IcmpTypes.V4EchoReply) | (1u << IcmpTypes.V4DestinationUnreachable) | (1u << IcmpTypes.V4TimeExceeded);
        return BitConverter.GetBytes(~pass);
    }

    /// <summary>struct icmp6_filter (RFC 3542 §3.2): 256 bits, a bit set blocks that type.</summary>
    private static byte[] Icmp6Filter()
    {
        var words = new uint[8];
        Array.Fill(words, uint.MaxValue);
        foreach (var type in new[] { IcmpTypes.V6DestinationUnreachable, IcmpTypes.V6PacketTooBig, IcmpTypes.V6TimeExceeded, IcmpTypes.V6EchoReply })
        {
            words[type >> 5] &= ~(1u << (type & 31));
        }

        return [.. words.SelectMany(BitConverter.GetBytes)];
    }
}
