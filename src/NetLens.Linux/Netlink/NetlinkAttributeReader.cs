using System.Buffers.Binary;

namespace NetLens.Linux.Netlink;

/// <summary>Walks struct nlattr TLVs (linux/netlink.h) without allocating; nested attributes are read with a new reader over <see cref="Value"/>.</summary>
internal ref struct NetlinkAttributeReader
{
    private ReadOnlySpan<byte> _rest;

    public NetlinkAttributeReader(ReadOnlySpan<byte> attributes) => _rest = attributes;

    /// <summary>nla_type with NLA_F_NESTED and NLA_F_NET_BYTEORDER masked off.</summary>
    public ushort Type { get; private set; }

    public ReadOnlySpan<byte> Value { get; private set; }

    /// <summary>False at the end, or at a truncated attribute (the kernel never sends one; a fixture might).</summary>
    public bool MoveNext()
    {
        if (_rest.Length < 4)
        {
            return false;
        }

        int length = BinaryPrimitives.ReadUInt16LittleEndian(_rest);
        if (length < 4 || length > _rest.Length)
        {
            _rest = [];
            return false;
        }

        Type = (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(_rest[2..]) & NetlinkConstants.NLA_TYPE_MASK);
        Value = _rest[4..length];
        var next = NetlinkConstants.Align(length);
        _rest = next >= _rest.Length ? [] : _rest[next..];
        return true;
    }
}
