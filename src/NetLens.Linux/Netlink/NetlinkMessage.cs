using System.Buffers.Binary;

namespace NetLens.Linux.Netlink;

/// <summary>One message of a datagram: struct nlmsghdr (linux/netlink.h) and its payload.</summary>
internal readonly ref struct NetlinkMessage
{
    public NetlinkMessage(ushort type, ushort flags, uint sequence, uint portId, ReadOnlySpan<byte> payload)
    {
        Type = type;
        Flags = flags;
        Sequence = sequence;
        PortId = portId;
        Payload = payload;
    }

    public ushort Type { get; }

    public ushort Flags { get; }

    public uint Sequence { get; }

    public uint PortId { get; }

    public ReadOnlySpan<byte> Payload { get; }
}

/// <summary>Walks the messages of one received datagram, honouring nlmsg_len and NLMSG_ALIGN.</summary>
internal ref struct NetlinkMessageReader
{
    private ReadOnlySpan<byte> _rest;

    public NetlinkMessageReader(ReadOnlySpan<byte> datagram) => _rest = datagram;

    public NetlinkMessage Current { get; private set; }

    /// <summary>False at the end; a header that lies about its length also ends the walk.</summary>
    public bool MoveNext()
    {
        if (_rest.Length < NetlinkConstants.HeaderLength)
        {
            return false;
        }

        var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(_rest);
        if (length < NetlinkConstants.HeaderLength || length > _rest.Length)
        {
            throw new InvalidDataException($"netlink message length {length} does not fit the {_rest.Length} bytes left");
        }

        Current = new NetlinkMessage(
            BinaryPrimitives.ReadUInt16LittleEndian(_rest[4..]),
            BinaryPrimitives.ReadUInt16LittleEndian(_rest[6..]),
            BinaryPrimitives.ReadUInt32LittleEndian(_rest[8..]),
            BinaryPrimitives.ReadUInt32LittleEndian(_rest[12..]),
            _rest[NetlinkConstants.HeaderLength..length]);
        var next = NetlinkConstants.Align(length);
        _rest = next >= _rest.Length ? [] : _rest[next..];
        return true;
    }

    public readonly NetlinkMessageReader GetEnumerator() => this;
}
