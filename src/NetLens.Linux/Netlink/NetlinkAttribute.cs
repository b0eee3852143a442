using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace NetLens.Linux.Netlink;

/// <summary>Reads attribute payloads: host-order integers, network-order ports, NUL-terminated names, addresses.</summary>
internal static class NetlinkAttribute
{
    public static byte U8(ReadOnlySpan<byte> value) => value.Length >= 1 ? value[0] : (byte)0;

    public static ushort U16(ReadOnlySpan<byte> value) =>
        value.Length >= 2 ? BinaryPrimitives.ReadUInt16LittleEndian(value) : (ushort)0;

    public static uint U32(ReadOnlySpan<byte> value) =>
        value.Length >= 4 ? BinaryPrimitives.ReadUInt32LittleEndian(value) : 0u;

    public static ulong U64(ReadOnlySpan<byte> value) =>
        value.Length >= 8 ? BinaryPrimitives.ReadUInt64LittleEndian(value) : 0ul;

    public static ushort BigEndianU16(ReadOnlySpan<byte> value) =>
        value.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(value) : (ushort)0;

    public static string String(ReadOnlySpan<byte> value)
    {
        var end = value.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? value : value[..end]);
    }

    /// <summary>An IPv4 or IPv6 address, told apart by length; null for anything else.</summary>
    public static IPAddress? Address(ReadOnlySpan<byte> value) =>
        value.Length is 4 or 16 ? new IPAddress(value) : null;
}
