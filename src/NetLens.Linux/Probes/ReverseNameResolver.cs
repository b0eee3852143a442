using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using NetLens.Core.Trace;

namespace NetLens.Linux.Probes;

/// <summary>
/// Reverse names through the C library's getnameinfo(3) with NI_NAMEREQD, so /etc/hosts and nsswitch are honoured as
/// every other tool honours them, and an address without a name is an answer, not a numeric echo. It blocks, so callers
/// run it off their probing thread (<see cref="ReverseNameCache"/> does).
/// </summary>
public sealed partial class ReverseNameResolver : IReverseNameResolver
{
    private const int NI_NAMEREQD = 8;
    private const int HostLength = 1025; // NI_MAXHOST
    private const ushort AfInet = 2;
    private const ushort AfInet6 = 10;

    public Task<string?> ResolveAsync(IPAddress address, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Resolve(address));
    }

    /// <summary>The name of <paramref name="address"/>, or null when it has none (or the resolver failed).</summary>
    public static unsafe string? Resolve(IPAddress address)
    {
        Span<byte> sockaddr = stackalloc byte[28];
        sockaddr.Clear();
        int length;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(sockaddr, AfInet6);
            address.TryWriteBytes(sockaddr.Slice(8, 16), out _);
            BinaryPrimitives.WriteUInt32LittleEndian(sockaddr[24..], (uint)address.ScopeId);
            length = 28;
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(sockaddr, AfInet);
            address.TryWriteBytes(sockaddr.Slice(4, 4), out _);
            length = 16;
        }

        Span<byte> host = stackalloc byte[HostLength];
        fixed (byte* sockaddrPointer = sockaddr)
        fixed (byte* hostPointer = host)
        {
            if (getnameinfo(sockaddrPointer, (uint)length, hostPointer, HostLength, null, 0, NI_NAMEREQD) != 0)
            {
                return null;
            }
        }

        var end = host.IndexOf((byte)0);
        return end <= 0 ? null : Encoding.UTF8.GetString(host[..end]);
    }

    [LibraryImport("libc")]
    private static unsafe partial int getnameinfo(byte* address, uint addressLength, byte* host, uint hostLength, byte* service, uint serviceLength, int flags);
}
