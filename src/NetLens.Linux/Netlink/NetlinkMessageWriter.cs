using System.Buffers.Binary;
using System.Text;

namespace NetLens.Linux.Netlink;

/// <summary>Builds one request: struct nlmsghdr, the family header, then NLA_ALIGNed attributes (linux/netlink.h).</summary>
internal ref struct NetlinkMessageWriter
{
    private readonly Span<byte> _buffer;
    private int _length;

    public NetlinkMessageWriter(Span<byte> buffer, ushort type, ushort flags, uint sequence)
    {
        _buffer = buffer;
        buffer[..NetlinkConstants.HeaderLength].Clear();
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[4..], type);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[6..], flags);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[8..], sequence);
        _length = NetlinkConstants.HeaderLength;
    }

    /// <summary>Reserves the zeroed family header (struct rtmsg, ifinfomsg…) for the caller to fill.</summary>
    public Span<byte> Reserve(int length)
    {
        var span = _buffer.Slice(_length, NetlinkConstants.Align(length));
        span.Clear();
        _length += span.Length;
        return span[..length];
    }

    public void AddU8(ushort type, byte value) => Attribute(type, 1)[0] = value;

    public void AddU32(ushort type, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Attribute(type, 4), value);

    /// <summary>Ports travel in network byte order (RTA_SPORT, RTA_DPORT).</summary>
    public void AddBigEndianU16(ushort type, ushort value) => BinaryPrimitives.WriteUInt16BigEndian(Attribute(type, 2), value);

    public void AddBytes(ushort type, scoped ReadOnlySpan<byte> value) => value.CopyTo(Attribute(type, value.Length));

    /// <summary>A NUL-terminated string (IFLA_IFNAME).</summary>
    public void AddString(ushort type, string value)
    {
        var span = Attribute(type, Encoding.UTF8.GetByteCount(value) + 1);
        Encoding.UTF8.GetBytes(value, span);
        span[^1] = 0;
    }

    /// <summary>Writes nlmsg_len and returns the finished message.</summary>
    public readonly ReadOnlySpan<byte> Finish()
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer, (uint)_length);
        return _buffer[.._length];
    }

    private Span<byte> Attribute(ushort type, int valueLength)
    {
        var total = 4 + valueLength;
        var span = _buffer.Slice(_length, NetlinkConstants.Align(total));
        span.Clear();
        BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)total);
        BinaryPrimitives.WriteUInt16LittleEndian(span[2..], type);
        _length += span.Length;
        return span.Slice(4, valueLength);
    }
}
