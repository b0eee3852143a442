using NetLens.Core.Links;
using NetLens.Linux.Netlink;

namespace NetLens.Linux.Routing;

/// <summary>Decodes a vxlan's IFLA_INFO_DATA (linux/if_link.h IFLA_VXLAN_*): VNI, remote or group, local address, UDP port.</summary>
internal static class VxlanInfo
{
    public static Tunnel Decode(ReadOnlySpan<byte> data)
    {
        var tunnel = new Tunnel("vxlan");
        var attributes = new NetlinkAttributeReader(data);
        while (attributes.MoveNext())
        {
            switch (attributes.Type)
            {
                case Rtnetlink.IFLA_VXLAN_ID:
                    tunnel = tunnel with { Id = NetlinkAttribute.U32(attributes.Value) };
                    break;
                case Rtnetlink.IFLA_VXLAN_GROUP or Rtnetlink.IFLA_VXLAN_GROUP6:
                    // one attribute for both: a unicast "remote" or a multicast "group"
                    tunnel = tunnel with { Remote = NetlinkAttribute.Address(attributes.Value) };
                    break;
                case Rtnetlink.IFLA_VXLAN_LOCAL or Rtnetlink.IFLA_VXLAN_LOCAL6:
                    tunnel = tunnel with { Local = NetlinkAttribute.Address(attributes.Value) };
                    break;
                case Rtnetlink.IFLA_VXLAN_PORT:
                    // __be16, unlike the other numbers
                    tunnel = tunnel with { Port = NetlinkAttribute.BigEndianU16(attributes.Value) };
                    break;
                default:
                    break;
            }
        }

        return tunnel;
    }
}
