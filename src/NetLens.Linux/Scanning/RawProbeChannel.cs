using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using NetLens.Core.Probing;
using NetLens.Core.Scanning;
using NetLens.Linux.Namespaces;
using NetLens.Linux.Probes;

namespace NetLens.Linux.Scanning;

/// <summary>
/// One address family's raw sockets for probing: IPPROTO_TCP (SYN and ACK probes out, every TCP segment for this host
/// in) and ICMP/ICMPv6 (echo and timestamp out, replies and unreachables in). The kernel writes the IP header; the
/// caller's segments carry their own checksums. Needs CAP_NET_RAW.
/// </summary>
public sealed unsafe class RawProbeChannel : IDisposable
{
    /// <summary>Room for replies that arrive while the loop is busy sending.</summary>
    private const int BufferBytes = 8 << 20;

    private readonly Socket _tcp;
    private readonly Socket _icmp;
    private readonly byte[] _buffer = new byte[2048];
    private readonly byte[] _from = new byte[RawSocketInterop.SockaddrLength];

    private RawProbeChannel(AddressFamily family, Socket tcp, Socket icmp)
    {
        Family = family;
        _tcp = tcp;
        _icmp = icmp;
    }

    public AddressFamily Family { get; }

    public bool IsIpv6 => Family == AddressFamily.InterNetworkV6;

    /// <summary>Opens both sockets (inside <paramref name="netns"/> when given); SocketException with EPERM/EACCES without CAP_NET_RAW.</summary>
    public static RawProbeChannel Open(AddressFamily family, string? netns) =>
        netns is null ? Create(family) : NetworkContext.For(netns).Run(() => Create(family));

    /// <summary>Sends a TCP segment (with its checksum) to <paramref name="sockaddr"/>; false when the kernel had no buffer for it (it counts as lost).</summary>
    public bool SendTcp(ReadOnlySpan<byte> segment, byte[] sockaddr) => Send(_tcp, segment, sockaddr);

    /// <summary>Sends an ICMP message; ICMPv6's checksum is left to the kernel (RFC 3542 §3.1).</summary>
    public bool SendIcmp(ReadOnlySpan<byte> message, byte[] sockaddr) => Send(_icmp, message, sockaddr);

    /// <summary>Waits up to <paramref name="timeoutMs"/> for either socket to have a packet.</summary>
    public static bool Wait(IReadOnlyList<RawProbeChannel> channels, int timeoutMs)
    {
        var fds = stackalloc PollFd[channels.Count * 2];
        for (var i = 0; i < channels.Count; i++)
        {
            fds[2 * i] = new PollFd { Fd = (int)channels[i]._tcp.Handle, Events = ProbeInterop.POLLIN };
            fds[(2 * i) + 1] = new PollFd { Fd = (int)channels[i]._icmp.Handle, Events = ProbeInterop.POLLIN };
        }

        return ProbeInterop.poll(fds, (nuint)(channels.Count * 2), timeoutMs) > 0;
    }

    /// <summary>Reads one packet from either socket without blocking; false when both are empty. Packets that are not TCP or ICMP decode to nothing and are skipped.</summary>
    public bool TryReceive(out RawPacket packet)
    {
        while (true)
        {
            if (TryRead(_tcp, out var length))
            {
                if (TryDecodeTcp(length, out packet))
                {
                    return true;
                }

                continue;
            }

            if (TryRead(_icmp, out length))
            {
                if (TryDecodeIcmp(length, out packet))
                {
                    return true;
                }

                continue;
            }

            packet = default;
            return false;
        }
    }

    public void Dispose()
    {
        _tcp.Dispose();
        _icmp.Dispose();
    }

    private static RawProbeChannel Create(AddressFamily family)
    {
        var ipv6 = family == AddressFamily.InterNetworkV6;
        var tcp = new Socket(family, SocketType.Raw, ProtocolType.Tcp);
        Socket? icmp = null;
        try
        {
            icmp = new Socket(family, SocketType.Raw, ipv6 ? ProtocolType.IcmpV6 : ProtocolType.Icmp);
            RawSocketInterop.GrowBuffers(tcp, BufferBytes);
            RawSocketInterop.GrowBuffers(icmp, BufferBytes / 4);
            return new RawProbeChannel(family, tcp, icmp);
        }
        catch
        {
            tcp.Dispose();
            icmp?.Dispose();
            throw;
        }
    }

    private static bool Send(Socket socket, ReadOnlySpan<byte> data, byte[] sockaddr)
    {
        fixed (byte* bytes = data)
        fixed (byte* address = sockaddr)
        {
            while (true)
            {
                if (RawSocketInterop.sendto(socket.Handle, bytes, data.Length, 0, address, sockaddr.Length) >= 0)
                {
                    return true;
                }

                var errno = Interop.PosixError.Last();
                if (errno == RawSocketInterop.EINTR)
                {
                    continue;
                }

                // a full queue or a neighbour not yet resolved: the probe is lost, and the schedule's retry covers it
                if (errno is RawSocketInterop.ENOBUFS or RawSocketInterop.EAGAIN)
                {
                    return false;
                }

                // an ICMP error queued on the socket is reported by the next send; the unreachable itself arrives as a packet too
                if (errno is 111 or 113 or 101 or 13 or 1)
                {
                    return false;
                }

                throw new IOException($"sending a raw probe failed: {Interop.PosixError.Describe(errno)}");
            }
        }
    }

    private bool TryRead(Socket socket, out int length)
    {
        fixed (byte* buffer = _buffer)
        fixed (byte* from = _from)
        {
            while (true)
            {
                var addressLength = _from.Length;
                var read = RawSocketInterop.recvfrom(socket.Handle, buffer, _buffer.Length, RawSocketInterop.MSG_DONTWAIT, from, &addressLength);
                if (read >= 0)
                {
                    length = (int)read;
                    return true;
                }

                var errno = Interop.PosixError.Last();
                if (errno == RawSocketInterop.EINTR)
                {
                    continue;
                }

                length = 0;
                if (errno == RawSocketInterop.EAGAIN)
                {
                    return false;
                }

                // a raw socket also reports queued ICMP errors (ECONNREFUSED, EHOSTUNREACH…) on read; the packets themselves still arrive
                if (errno is 111 or 113 or 101)
                {
                    continue;
                }

                throw new IOException($"reading the raw socket failed: {Interop.PosixError.Describe(errno)}");
            }
        }
    }

    private bool TryDecodeTcp(int length, out RawPacket packet)
    {
        packet = default;
        var data = _buffer.AsSpan(0, length);
        if (IsIpv6)
        {
            // a raw IPv6 socket delivers the TCP segment alone; the sender is in the address
            if (!TcpReply.TryRead(data, out var reply))
            {
                return false;
            }

            packet = new RawPacket(RawSocketInterop.Ipv6Of(_from), true, reply, default);
            return true;
        }

        if (!TcpReply.TryReadIpv4(data, out var source, out var reply4, out var ttl))
        {
            return false;
        }

        packet = new RawPacket(source, true, reply4, default) { Ttl = ttl };
        return true;
    }

    private bool TryDecodeIcmp(int length, out RawPacket packet)
    {
        packet = default;
        var data = _buffer.AsSpan(0, length);
        IPAddress from;
        ReadOnlySpan<byte> icmp;
        int? ttl = null;
        if (IsIpv6)
        {
            from = RawSocketInterop.Ipv6Of(_from);
            icmp = data;
        }
        else
        {
            if (!Ipv4Header.TryRead(data, out var header))
            {
                return false;
            }

            from = header.Source;
            ttl = header.Ttl;
            icmp = data[header.Length..];
        }

        if (!IcmpDecoder.TryDecode(icmp, IsIpv6, out var message))
        {
            return false;
        }

        // the decoder reads identifier and sequence of echo replies only; a timestamp reply keeps them in the same place
        if (!IsIpv6 && message.Type == DiscoveryProbes.TimestampReplyType)
        {
            message = message with
            {
                Identifier = BinaryPrimitives.ReadUInt16BigEndian(icmp[4..]),
                Sequence = BinaryPrimitives.ReadUInt16BigEndian(icmp[6..]),
            };
        }

        packet = new RawPacket(from, false, default, message) { Ttl = ttl };
        return true;
    }
}
