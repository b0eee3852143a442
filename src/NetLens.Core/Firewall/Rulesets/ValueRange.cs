using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace NetLens.Core.Firewall.Rulesets;

/// <summary>An inclusive interval of values: a port range, a protocol number, an address prefix or range (addresses as 128-bit numbers).</summary>
public readonly record struct ValueRange(UInt128 Low, UInt128 High)
{
    public static ValueRange Single(UInt128 value) => new(value, value);

    public bool Contains(UInt128 value) => value >= Low && value <= High;

    public static UInt128 AddressValue(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var size);
        return size == 4 ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    /// <summary>The addresses of a prefix; a length beyond the family's width is refused by the caller.</summary>
    public static ValueRange Prefix(IPAddress address, int length)
    {
        var bits = address.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32;
        var value = AddressValue(address);
        var hostBits = bits - length;
        var hostMask = hostBits == 0 ? UInt128.Zero : hostBits == 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - 1;
        return new ValueRange(value & ~hostMask, value | hostMask);
    }

    public static ValueRange Addresses(IPAddress low, IPAddress high) => new(AddressValue(low), AddressValue(high));
}
