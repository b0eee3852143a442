using System.Buffers.Binary;
using NetLens.Core.Links;
using NetLens.Linux.Netlink;

namespace NetLens.Linux.Routing;

/// <summary>Decodes RTM_NEWNEIGH: struct ndmsg and the NDA_* attributes (linux/neighbour.h).</summary>
internal static class NeighbourMessage
{
    /// <summary>nda_cacheinfo counts in clock_t ticks (USER_HZ, 100 a second on Linux).</summary>
    private const double TicksPerSecond = 100;

    public static Neighbour? DecodeForDump(in NetlinkMessage message) =>
        message.Type == Rtnetlink.RTM_NEWNEIGH ? Decode(message.Payload) : null;

    /// <summary>Null for an entry without NDA_DST (proxy and bridge entries of other families).</summary>
    public static Neighbour? Decode(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < Rtnetlink.NdmsgLength)
        {
            throw new InvalidDataException("truncated struct ndmsg");
        }

        System.Net.IPAddress? address = null;
        var hasLinkAddress = false;
        TimeSpan? sinceConfirmed = null;
        var attributes = new NetlinkAttributeReader(payload[Rtnetlink.NdmsgLength..]);
        while (attributes.MoveNext())
        {
            switch (attributes.Type)
            {
                case Rtnetlink.NDA_DST:
                    address = NetlinkAttribute.Address(attributes.Value);
                    break;
                case Rtnetlink.NDA_LLADDR:
                    hasLinkAddress = attributes.Value.Length > 0;
                    break;
                case Rtnetlink.NDA_CACHEINFO when attributes.Value.Length >= 4:
                    // ndm_confirmed is the age of the last confirmation, not a timestamp
                    sinceConfirmed = TimeSpan.FromSeconds(BinaryPrimitives.ReadUInt32LittleEndian(attributes.Value) / TicksPerSecond);
                    break;
                default:
                    break;
            }
        }

        return address is null ? null : new Neighbour
        {
            Address = address,
            InterfaceIndex = BinaryPrimitives.ReadInt32LittleEndian(payload[4..]),
            State = (NeighbourStates)BinaryPrimitives.ReadUInt16LittleEndian(payload[8..]),
            HasLinkAddress = hasLinkAddress,
            SinceConfirmed = sinceConfirmed,
        };
    }
}
