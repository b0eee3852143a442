using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace NetLens.Linux.Scanning;

/// <summary>
/// sendto(2)/recvfrom(2) on a raw socket's descriptor: non-blocking reads that report EAGAIN as a value (the runtime's
/// Socket throws for it, which a receive loop draining thousands of packets a second cannot afford).
/// </summary>
internal static unsafe partial class RawSocketInterop
{
    public const int MSG_DONTWAIT = 0x40;
    public const int EAGAIN = 11;
    public const int EINTR = 4;
    public const int ENOBUFS = 105;
    public const int SOL_SOCKET = 1;
    public const int SO_RCVBUFFORCE = 33;
    public const int SO_SNDBUFFORCE = 32;

    /// <summary>sockaddr_in6 is the larger of the two.</summary>
    public const int SockaddrLength = 28;

    private const string Library = "libc";

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint sendto(nint fd, byte* buffer, nint length, int flags, byte* address, int addressLength);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint recvfrom(nint fd, byte* buffer, nint length, int flags, byte* address, int* addressLength);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int setsockopt(nint fd, int level, int name, void* value, int valueLength);

    /// <summary>sockaddr_in / sockaddr_in6 with port 0 (a raw socket takes no port) for <paramref name="address"/>.</summary>
    public static byte[] Sockaddr(IPAddress address)
    {
        var ipv6 = address.AddressFamily == AddressFamily.InterNetworkV6;
        var bytes = new byte[ipv6 ? 28 : 16];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, (ushort)(ipv6 ? 10 : 2));
        address.TryWriteBytes(bytes.AsSpan(ipv6 ? 8 : 4), out _);
        if (ipv6)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(24), (uint)address.ScopeId);
        }

        return bytes;
    }

    /// <summary>The address a sockaddr_in6 holds (raw IPv6 sockets deliver no IP header, so the sender comes from here).</summary>
    /// <remarks>
    /// The kernel names the link a link-local sender answered on (sin6_scope_id): kept, so the reply matches a target
    /// typed with that zone and no other; global senders come with 0.
    /// </remarks>
    public static IPAddress Ipv6Of(ReadOnlySpan<byte> sockaddr) => new(sockaddr.Slice(8, 16), BinaryPrimitives.ReadUInt32LittleEndian(sockaddr[24..]));

    /// <summary>A large receive buffer (forced past rmem_max, which CAP_NET_ADMIN allows; else the ordinary cap): bursts of replies must not overflow it.</summary>
    public static void GrowBuffers(Socket socket, int bytes)
    {
        if (setsockopt(socket.Handle, SOL_SOCKET, SO_RCVBUFFORCE, &bytes, sizeof(int)) != 0)
        {
            socket.ReceiveBufferSize = bytes;
        }

        if (setsockopt(socket.Handle, SOL_SOCKET, SO_SNDBUFFORCE, &bytes, sizeof(int)) != 0)
        {
            socket.SendBufferSize = bytes;
        }
    }
}
