using System.Runtime.InteropServices;

namespace NetLens.Linux.Probes;

/// <summary>
/// recvmsg(2), poll(2) and ppoll(2): .NET's Socket cannot read the error queue (MSG_ERRQUEUE) or its control messages,
/// and probe pacing needs waits finer than a millisecond.
/// </summary>
internal static unsafe partial class ProbeInterop
{
    private const string Library = "libc";

    public const int SOL_IP = 0;
    public const int SOL_IPV6 = 41;
    public const int IP_RECVERR = 11;
    public const int IPV6_RECVERR = 25;
    public const int MSG_ERRQUEUE = 0x2000;
    public const int MSG_DONTWAIT = 0x40;
    public const short POLLIN = 0x1;
    public const short POLLOUT = 0x4;
    public const short POLLERR = 0x8;
    public const short POLLHUP = 0x10;

    /// <summary>SOL_RAW / ICMP_FILTER (linux/icmp.h): a mask of ICMP types a raw IPv4 ICMP socket does not want.</summary>
    public const int SOL_RAW = 255;
    public const int ICMP_FILTER = 1;

    /// <summary>IPPROTO_ICMPV6 / ICMP6_FILTER (RFC 3542 §3.2): a 256-bit mask of ICMPv6 types to block.</summary>
    public const int IPPROTO_ICMPV6 = 58;
    public const int ICMP6_FILTER = 1;
    public const int EAGAIN = 11;
    public const int EINTR = 4;

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint recvmsg(nint fd, MessageHeader* message, int flags);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int poll(PollFd* fds, nuint count, int timeoutMs);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int ppoll(PollFd* fds, nuint count, TimeSpec* timeout, void* signalMask);
}

/// <summary>struct timespec (64-bit Linux).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct TimeSpec
{
    public long Seconds;
    public long Nanoseconds;
}

/// <summary>struct msghdr (64-bit Linux).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MessageHeader
{
    public void* Name;
    public uint NameLength;
    public IoVector* Iov;
    public nuint IovLength;
    public void* Control;
    public nuint ControlLength;
    public int Flags;
}

/// <summary>struct iovec.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct IoVector
{
    public void* Base;
    public nuint Length;
}

/// <summary>struct pollfd.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PollFd
{
    public int Fd;
    public short Events;
    public short Revents;
}
