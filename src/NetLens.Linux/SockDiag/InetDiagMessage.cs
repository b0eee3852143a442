using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using NetLens.Core.Sockets;
using NetLens.Linux.Netlink;

namespace NetLens.Linux.SockDiag;

/// <summary>Decodes one struct inet_diag_msg and its attributes (linux/inet_diag.h) into a <see cref="SocketEntry"/>.</summary>
internal static class InetDiagMessage
{
    /// <summary>
    /// A destroy notification (SKNLGRP_*_DESTROY): the datagram does not say which group it came from, its
    /// INET_DIAG_PROTOCOL attribute says TCP or UDP (TCP when a kernel leaves it out: the TCP groups came first).
    /// </summary>
    public static SocketEntry? DecodeDestroyed(in NetlinkMessage message)
    {
        var payload = message.Payload;
        if (payload.Length < SockDiagConstants.InetMessageLength)
        {
            return null;
        }

        var kind = SocketKind.Tcp;
        var attributes = new NetlinkAttributeReader(payload[SockDiagConstants.InetMessageLength..]);
        while (attributes.MoveNext())
        {
            if (attributes.Type == SockDiagConstants.INET_DIAG_PROTOCOL && attributes.Value.Length >= 1)
            {
                kind = attributes.Value[0] switch
                {
                    SockDiagConstants.IPPROTO_UDP => SocketKind.Udp,
                    SockDiagConstants.IPPROTO_TCP => SocketKind.Tcp,
                    _ => SocketKind.Raw,
                };
            }
        }

        return Decode(message, kind);
    }

    public static SocketEntry? Decode(in NetlinkMessage message, SocketKind kind)
    {
        var payload = message.Payload;
        // answers carry the request's type: TCPDIAG_GETSOCK ones come back as such
        if (message.Type is not (SockDiagConstants.SOCK_DIAG_BY_FAMILY or SockDiagConstants.TCPDIAG_GETSOCK) || payload.Length < SockDiagConstants.InetMessageLength)
        {
            return null;
        }

        var family = payload[0] == SockDiagConstants.AF_INET6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;
        var id = payload.Slice(4, 48);
        TcpInfo? tcpInfo = null;
        string? congestion = null;
        SocketMemory? memory = null;
        byte? shutdown = null;
        bool? v6Only = null;
        var attributes = new NetlinkAttributeReader(payload[SockDiagConstants.InetMessageLength..]);
        while (attributes.MoveNext())
        {
            switch (attributes.Type)
            {
                case SockDiagConstants.INET_DIAG_INFO when kind == SocketKind.Tcp:
                    tcpInfo = TcpInfoDecoder.Decode(attributes.Value);
                    break;
                case SockDiagConstants.INET_DIAG_CONG:
                    congestion = NetlinkAttribute.String(attributes.Value);
                    break;
                case SockDiagConstants.INET_DIAG_SKMEMINFO:
                    memory = SkMemInfo.Decode(attributes.Value);
                    break;
                case SockDiagConstants.INET_DIAG_SHUTDOWN when attributes.Value.Length >= 1:
                    shutdown = attributes.Value[0];
                    break;
                case SockDiagConstants.INET_DIAG_SKV6ONLY when attributes.Value.Length >= 1:
                    v6Only = attributes.Value[0] != 0;
                    break;
            }
        }

        return new SocketEntry
        {
            Kind = kind,
            Family = family,
            State = (SocketState)payload[1],
            Timer = payload[2],
            TimerRetransmits = payload[3],
            LocalPort = BinaryPrimitives.ReadUInt16BigEndian(id),
            PeerPort = BinaryPrimitives.ReadUInt16BigEndian(id[2..]),
            LocalAddress = Address(id.Slice(4, 16), family),
            PeerAddress = Address(id.Slice(20, 16), family),
            InterfaceIndex = (int)BinaryPrimitives.ReadUInt32LittleEndian(id[36..]),
            Cookie = BinaryPrimitives.ReadUInt64LittleEndian(id[40..]),
            TimerExpiresMs = BinaryPrimitives.ReadUInt32LittleEndian(payload[52..]),
            RecvQ = BinaryPrimitives.ReadUInt32LittleEndian(payload[56..]),
            SendQ = BinaryPrimitives.ReadUInt32LittleEndian(payload[60..]),
            Uid = BinaryPrimitives.ReadUInt32LittleEndian(payload[64..]),
            Inode = BinaryPrimitives.ReadUInt32LittleEndian(payload[68..]),
            TcpInfo = tcpInfo,
            Congestion = congestion,
            Memory = memory,
            V6Only = family == AddressFamily.InterNetworkV6 ? v6Only : null,
            Shutdown = shutdown,
        };
    }

    private static IPAddress Address(ReadOnlySpan<byte> bytes, AddressFamily family)
    {
        if (family == AddressFamily.InterNetwork)
        {
            var v4 = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
            return v4 == 0 ? IPAddress.Any : new IPAddress(v4);
        }

        return bytes.IndexOfAnyExcept((byte)0) < 0 ? IPAddress.IPv6Any : new IPAddress(bytes);
    }
}

/// <summary>INET_DIAG_SKMEMINFO / UNIX_DIAG_MEMINFO: u32[SK_MEMINFO_VARS].</summary>
internal static class SkMemInfo
{
    public static SocketMemory? Decode(ReadOnlySpan<byte> value)
    {
        if (value.Length < 36)
        {
            return null;
        }

        Span<uint> v = stackalloc uint[9];
        for (var i = 0; i < v.Length; i++)
        {
            v[i] = BinaryPrimitives.ReadUInt32LittleEndian(value[(i * 4)..]);
        }

        return new SocketMemory(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]);
    }
}
