using System.Runtime.InteropServices;

namespace NetLens.Linux.Interop;

/// <summary>The libc calls netlink and namespaces need; .NET's Socket does not take AF_NETLINK.</summary>
internal static unsafe partial class LibC
{
    private const string Library = "libc";

    public const int AF_NETLINK = 16;
    public const int SOCK_RAW = 3;
    public const int SOCK_CLOEXEC = 0x80000;
    public const int SOL_SOCKET = 1;
    public const int SO_SNDBUF = 7;
    public const int SO_RCVBUF = 8;
    public const int MSG_PEEK = 0x2;
    public const int MSG_TRUNC = 0x20;
    public const int O_RDONLY = 0;
    public const int O_CLOEXEC = 0x80000;
    public const int CLONE_NEWNET = 0x40000000;

    public const int EPERM = 1;
    public const int ENOENT = 2;
    public const int EINTR = 4;
    public const int ENODEV = 19;
    public const int EINVAL = 22;

    [LibraryImport(Library, SetLastError = true)]
    public static partial int socket(int domain, int type, int protocol);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int bind(SafeFdHandle fd, SockaddrNetlink* address, int addressLength);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint sendto(SafeFdHandle fd, byte* buffer, nint length, int flags, SockaddrNetlink* address, int addressLength);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint recvfrom(SafeFdHandle fd, byte* buffer, nint length, int flags, void* address, void* addressLength);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int setsockopt(SafeFdHandle fd, int level, int name, void* value, int valueLength);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int close(int fd);

    [LibraryImport(Library, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int open(string path, int flags);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int setns(SafeFdHandle fd, int namespaceType);
}

/// <summary>struct sockaddr_nl (linux/netlink.h).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SockaddrNetlink
{
    public ushort Family;
    public ushort Padding;
    public uint PortId;
    public uint Groups;
}
