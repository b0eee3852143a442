using System.Buffers.Binary;
using System.Net;
using NetLens.Core.Probing;
using NetLens.Core.Trace;

namespace NetLens.Linux.Probes;

/// <summary>One error from a socket's error queue: struct sock_extended_err and the address that sent it (SO_EE_OFFENDER).</summary>
public readonly record struct ExtendedError(int Errno, ExtendedErrorOrigin Origin, byte Type, byte Code, IPAddress? Offender)
{
    /// <summary>The ICMP type and code behind an unreachable outcome; null for any other outcome.</summary>
    public UnreachableCode? CodeOf(ProbeOutcome outcome) =>
        outcome == ProbeOutcome.Unreachable ? UnreachableCode.Of(Type, Code, Origin == ExtendedErrorOrigin.Icmp6) : null;
}

/// <summary>ee_origin (linux/errqueue.h): where the error came from.</summary>
public enum ExtendedErrorOrigin : byte
{
    None = 0,
    Local = 1,
    Icmp = 2,
    Icmp6 = 3,
}

/// <summary>Reads IP_RECVERR / IPV6_RECVERR control messages (linux/errqueue.h, ip(7)), pure so captured bytes test it.</summary>
public static class ExtendedErrorParser
{
    private const int CmsgHeaderLength = 16; // cmsg_len (size_t), cmsg_level, cmsg_type on 64-bit
    private const int SockExtendedErrLength = 16;
    private const ushort AfInet = 2;
    private const ushort AfInet6 = 10;

    /// <summary>Finds the first recverr control message in <paramref name="control"/> and decodes it.</summary>
    public static bool TryParse(ReadOnlySpan<byte> control, out ExtendedError error)
    {
        error = default;
        while (control.Length >= CmsgHeaderLength)
        {
            var length = (int)BinaryPrimitives.ReadUInt64LittleEndian(control);
            var level = BinaryPrimitives.ReadInt32LittleEndian(control[8..]);
            var type = BinaryPrimitives.ReadInt32LittleEndian(control[12..]);
            if (length < CmsgHeaderLength || length > control.Length)
            {
                return false;
            }

            var isRecvErr = (level == 0 && type == 11) || (level == 41 && type == 25);
            if (isRecvErr && length >= CmsgHeaderLength + SockExtendedErrLength)
            {
                error = Decode(control[CmsgHeaderLength..length]);
                return true;
            }

            // CMSG_NXTHDR: each message is padded to 8 bytes.
            var next = (length + 7) & ~7;
            if (next >= control.Length)
            {
                return false;
            }

            control = control[next..];
        }

        return false;
    }

    private static ExtendedError Decode(ReadOnlySpan<byte> data)
    {
        var errno = (int)BinaryPrimitives.ReadUInt32LittleEndian(data);
        var origin = (ExtendedErrorOrigin)data[4];
        var offender = ReadSockaddr(data[SockExtendedErrLength..]);
        return new ExtendedError(errno, origin, data[5], data[6], offender);
    }

    /// <summary>The address of a sockaddr_in or sockaddr_in6 (family in host order, as the kernel writes it).</summary>
    internal static IPAddress? ReadSockaddr(ReadOnlySpan<byte> sockaddr)
    {
        if (sockaddr.Length < 2)
        {
            return null;
        }

        return BinaryPrimitives.ReadUInt16LittleEndian(sockaddr) switch
        {
            AfInet when sockaddr.Length >= 8 => new IPAddress(sockaddr.Slice(4, 4)),
            AfInet6 when sockaddr.Length >= 24 => new IPAddress(sockaddr.Slice(8, 16)),
            _ => null,
        };
    }
}
