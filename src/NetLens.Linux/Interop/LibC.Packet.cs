using System.Runtime.InteropServices;

namespace NetLens.Linux.Interop;

/// <summary>AF_PACKET datagram sockets: a frame sent out of one device (a tunnel's) and looked for on another.</summary>
internal static unsafe partial class LibC
{
    public const int AF_PACKET = 17;
    public const int SOCK_DGRAM = 2;
    public const short POLLIN = 0x1;

    [LibraryImport(Library, EntryPoint = "bind", SetLastError = true)]
    public static partial int bindPacket(SafeFdHandle fd, SockaddrLinkLayer* address, int addressLength);

    [LibraryImport(Library, EntryPoint = "sendto", SetLastError = true)]
    public static partial nint sendtoPacket(SafeFdHandle fd, byte* buffer, nint length, int flags, SockaddrLinkLayer* address, int addressLength);

    [LibraryImport(Library, EntryPoint = "recv", SetLastError = true)]
    public static partial nint recv(SafeFdHandle fd, byte* buffer, nint length, int flags);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int poll(PollDescriptor* descriptors, nuint count, int timeoutMs);
}

/// <summary>struct sockaddr_ll (linux/if_packet.h).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct SockaddrLinkLayer
{
    public ushort Family;

    /// <summary>The ethertype, in network byte order.</summary>
    public ushort Protocol;
    public int InterfaceIndex;
    public ushort HardwareType;
    public byte PacketType;
    public byte AddressLength;
    public fixed byte Address[8];
}

/// <summary>struct pollfd.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PollDescriptor
{
    public int Fd;
    public short Events;
    public short ReturnedEvents;
}
