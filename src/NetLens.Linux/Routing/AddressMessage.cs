using System.Buffers.Binary;
using System.Net;
using NetLens.Core.Links;
using NetLens.Linux.Netlink;

namespace NetLens.Linux.Routing;

/// <summary>Decodes RTM_NEWADDR: struct ifaddrmsg and the IFA_* attributes (linux/if_addr.h).</summary>
internal static class AddressMessage
{
    public static InterfaceAddress? DecodeForDump(in NetlinkMessage message) =>
        message.Type == Rtnetlink.RTM_NEWADDR ? Decode(message.Payload) : null;

    /// <summary>Null for a message with neither IFA_LOCAL nor IFA_ADDRESS (the kernel never sends one).</summary>
    public static InterfaceAddress? Decode(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < Rtnetlink.IfaddrmsgLength)
        {
            throw new InvalidDataException("truncated struct ifaddrmsg");
        }

        IPAddress? local = null;
        IPAddress? address = null;
        string? label = null;
        uint flags = payload[2];
        var attributes = new NetlinkAttributeReader(payload[Rtnetlink.IfaddrmsgLength..]);
        while (attributes.MoveNext())
        {
            switch (attributes.Type)
            {
                case Rtnetlink.IFA_LOCAL:
                    local = NetlinkAttribute.Address(attributes.Value);
                    break;
                case Rtnetlink.IFA_ADDRESS:
                    address = NetlinkAttribute.Address(attributes.Value);
                    break;
                case Rtnetlink.IFA_LABEL:
                    label = NetlinkAttribute.String(attributes.Value);
                    break;
                case Rtnetlink.IFA_FLAGS:
                    // the 32-bit IFA_FLAGS supersedes the 8-bit ifa_flags
                    flags = NetlinkAttribute.U32(attributes.Value);
                    break;
                default:
                    break;
            }
        }

        var mine = local ?? address;
        if (mine is null)
        {
            return null;
        }

        return new InterfaceAddress
        {
            Family = RtnetlinkFamily.ToAddressFamily(payload[0]),
            InterfaceIndex = (int)BinaryPrimitives.ReadUInt32LittleEndian(payload[4..]),
            Local = mine,
            PrefixLength = payload[1],
            Peer = local is not null && address is not null && !local.Equals(address) ? address : null,
            Scope = payload[3],
            Flags = flags,
            Label = label,
        };
    }
}
