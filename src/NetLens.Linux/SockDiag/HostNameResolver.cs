using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using NetLens.Linux.Namespaces;

namespace NetLens.Linux.SockDiag;

/// <summary>
/// Address → host name for `sockets -r`, as ss -r does with gethostbyaddr: getnameinfo(3) with NI_NAMEREQD, so
/// /etc/hosts first, then reverse DNS as nsswitch says. Asked inside the namespace listed (ss -N does the same),
/// once per address; unspecified addresses are never looked up.
/// </summary>
public sealed unsafe partial class HostNameResolver(string? netns)
{
    private const int NI_NAMEREQD = 8;
    private const int MaxHost = 1025;

    private readonly Dictionary<IPAddress, string?> _names = [];

    /// <summary>The name, or null when there is none (the caller prints the number).</summary>
    public string? Find(IPAddress address)
    {
        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return null;
        }

        if (!_names.TryGetValue(address, out var name))
        {
            name = netns is { } ns ? NetworkContext.For(ns).Run(() => Lookup(address)) : Lookup(address);
            _names[address] = name;
        }

        return name;
    }

    private static string? Lookup(IPAddress address)
    {
        // struct sockaddr_in (16 bytes) or sockaddr_in6 (28): family, port, then the address
        Span<byte> socketAddress = stackalloc byte[28];
        socketAddress.Clear();
        int length;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(socketAddress, 2);
            address.TryWriteBytes(socketAddress[4..], out _);
            length = 16;
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(socketAddress, 10);
            address.TryWriteBytes(socketAddress[8..], out _);
            BinaryPrimitives.WriteUInt32LittleEndian(socketAddress[24..], (uint)address.ScopeId);
            length = 28;
        }

        var host = stackalloc byte[MaxHost];
        fixed (byte* pointer = socketAddress)
        {
            if (GetNameInfo(pointer, length, host, MaxHost, null, 0, NI_NAMEREQD) != 0)
            {
                return null;
            }
        }

        var text = new ReadOnlySpan<byte>(host, MaxHost);
        var end = text.IndexOf((byte)0);
        return end > 0 ? Encoding.UTF8.GetString(text[..end]) : null;
    }

    [LibraryImport("libc", EntryPoint = "getnameinfo")]
    private static partial int GetNameInfo(byte* address, int addressLength, byte* host, int hostLength, byte* service, int serviceLength, int flags);
}
