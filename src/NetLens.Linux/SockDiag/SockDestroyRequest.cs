using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using NetLens.Core.Sockets;
using NetLens.Linux.Netlink;

namespace NetLens.Linux.SockDiag;

/// <summary>
/// SOCK_DESTROY (linux/sock_diag.h): struct inet_diag_req_v2 naming one socket by its inet_diag_sockid, as the dump
/// reported it — ports, addresses, interface and cookie (a socket reused since the dump has another cookie: ESTALE).
/// </summary>
internal static class SockDestroyRequest
{
    public const int Length = NetlinkConstants.HeaderLength + SockDiagConstants.InetRequestLength;

    /// <param name="buffer">At least <see cref="Length"/> bytes.</param>
    /// <param name="socket">A TCP, UDP or raw socket from an inet_diag dump.</param>
    public static ReadOnlySpan<byte> Encode(Span<byte> buffer, SocketEntry socket)
    {
        var writer = new NetlinkMessageWriter(buffer, SockDiagConstants.SOCK_DESTROY, NetlinkConstants.NLM_F_REQUEST | NetlinkConstants.NLM_F_ACK, 0);
        var request = writer.Reserve(SockDiagConstants.InetRequestLength);
        request[0] = socket.Family == AddressFamily.InterNetworkV6 ? SockDiagConstants.AF_INET6 : SockDiagConstants.AF_INET;
        request[1] = socket.Kind switch
        {
            SocketKind.Tcp => SockDiagConstants.IPPROTO_TCP,
            SocketKind.Udp => SockDiagConstants.IPPROTO_UDP,
            SocketKind.Raw => SockDiagConstants.IPPROTO_RAW,
            _ => throw new ArgumentException($"{socket.Kind} sockets cannot be destroyed over inet_diag", nameof(socket)),
        };

        // idiag_states: every state, the kernel looks the socket up by its id alone
        BinaryPrimitives.WriteUInt32LittleEndian(request[4..], uint.MaxValue);
        var id = request[8..];
        BinaryPrimitives.WriteUInt16BigEndian(id, (ushort)socket.LocalPort);
        BinaryPrimitives.WriteUInt16BigEndian(id[2..], (ushort)socket.PeerPort);
        WriteAddress(id.Slice(4, 16), socket.LocalAddress);
        WriteAddress(id.Slice(20, 16), socket.PeerAddress);
        BinaryPrimitives.WriteUInt32LittleEndian(id[36..], (uint)socket.InterfaceIndex);
        BinaryPrimitives.WriteUInt64LittleEndian(id[40..], socket.Cookie);
        return writer.Finish();
    }

    /// <summary>Network order, IPv4 in the first four bytes (the kernel's __be32 idiag_src[4]).</summary>
    private static void WriteAddress(Span<byte> field, IPAddress address)
    {
        field.Clear();
        _ = address.TryWriteBytes(field, out _);
    }
}
