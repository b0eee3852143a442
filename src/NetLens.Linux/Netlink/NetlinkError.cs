using System.Buffers.Binary;

namespace NetLens.Linux.Netlink;

/// <summary>The payload of NLMSG_ERROR (struct nlmsgerr) or of a failing NLMSG_DONE, with extended ack (linux/netlink.h).</summary>
internal readonly record struct NetlinkError(int Errno, string? KernelMessage)
{
    /// <summary>True for an acknowledgement (error 0), which is not an error.</summary>
    public bool IsAck => Errno == 0;

    public NetlinkException ToException() => new(Errno, KernelMessage);

    /// <summary>Parses NLMSG_ERROR: int error, the echoed request (header only when NLM_F_CAPPED), then NLMSGERR_ATTR_* TLVs.</summary>
    public static NetlinkError FromError(in NetlinkMessage message)
    {
        var payload = message.Payload;
        if (payload.Length < 4)
        {
            throw new InvalidDataException("truncated NLMSG_ERROR");
        }

        var errno = -BinaryPrimitives.ReadInt32LittleEndian(payload);
        var echoed = payload[4..];
        var echoedLength = NetlinkConstants.HeaderLength;
        if ((message.Flags & NetlinkConstants.NLM_F_CAPPED) == 0 && echoed.Length >= 4)
        {
            // A length past the payload (or past int) echoes nothing readable: keep the errno, drop the extended ack.
            var declared = BinaryPrimitives.ReadUInt32LittleEndian(echoed);
            echoedLength = declared > (uint)echoed.Length ? echoed.Length : NetlinkConstants.Align((int)declared);
        }

        return new NetlinkError(errno, ReadExtendedAck(message.Flags, echoed, echoedLength));
    }

    /// <summary>Parses NLMSG_DONE: int error (0 for a clean end), then NLMSGERR_ATTR_* TLVs.</summary>
    public static NetlinkError FromDone(in NetlinkMessage message)
    {
        var payload = message.Payload;
        var errno = payload.Length >= 4 ? -BinaryPrimitives.ReadInt32LittleEndian(payload) : 0;
        return new NetlinkError(errno, ReadExtendedAck(message.Flags, payload, 4));
    }

    private static string? ReadExtendedAck(ushort flags, ReadOnlySpan<byte> payload, int attributesOffset)
    {
        if ((flags & NetlinkConstants.NLM_F_ACK_TLVS) == 0 || attributesOffset >= payload.Length)
        {
            return null;
        }

        var attributes = new NetlinkAttributeReader(payload[attributesOffset..]);
        while (attributes.MoveNext())
        {
            if (attributes.Type == NetlinkConstants.NLMSGERR_ATTR_MSG)
            {
                return NetlinkAttribute.String(attributes.Value);
            }
        }

        return null;
    }
}
