using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace NetLens.Core.Routing.Lookup;

/// <summary>Addresses as integers (IPv4 in the low 32 bits), so prefixes are masks and hash keys.</summary>
public static class AddressBits
{
    public static int Width(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? 128 : 32;

    public static UInt128 ToBits(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var size);
        return size == 4 ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    /// <summary>The bits of <paramref name="address"/> above <paramref name="length"/> kept, the rest cleared.</summary>
    public static UInt128 Mask(UInt128 address, int length, int width) =>
        length == 0 ? UInt128.Zero : address & (UInt128.MaxValue << (width - length)) & (width == 128 ? UInt128.MaxValue : (UInt128)uint.MaxValue);
}
