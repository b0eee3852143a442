using System.Net;
using NetLens.Core.Links;
using NetLens.Linux.Routing;

namespace NetLens.Linux.Tests.Routing;

/// <summary>A vxlan's IFLA_INFO_DATA decoded from bytes laid out as the kernel writes them (vxlan_fill_info).</summary>
public class VxlanInfoTests
{
    /// <summary>One netlink attribute: length (header included), type, value, padded to 4 bytes.</summary>
    private static byte[] Attribute(ushort type, params byte[] value)
    {
        var length = 4 + value.Length;
        var bytes = new byte[(length + 3) & ~3];
        BitConverter.TryWriteBytes(bytes.AsSpan(0, 2), (ushort)length);
        BitConverter.TryWriteBytes(bytes.AsSpan(2, 2), type);
        value.CopyTo(bytes, 4);
        return bytes;
    }

    [Fact]
    public void Vni_remote_local_and_the_big_endian_port()
    {
        byte[] data =
        [
            .. Attribute(1, 42, 0, 0, 0), // IFLA_VXLAN_ID, host order
            .. Attribute(2, 198, 18, 2, 2), // IFLA_VXLAN_GROUP: the unicast remote
            .. Attribute(4, 198, 18, 2, 1), // IFLA_VXLAN_LOCAL
            .. Attribute(5, 0), // IFLA_VXLAN_TTL: not read
            .. Attribute(15, 0x21, 0x18), // IFLA_VXLAN_PORT: 8472, network order
        ];

        var tunnel = VxlanInfo.Decode(data);

        Assert.Equal(new Tunnel("vxlan") { Id = 42, Remote = IPAddress.Parse("198.18.2.2"), Local = IPAddress.Parse("198.18.2.1"), Port = 8472 }, tunnel);
        Assert.Equal("vxlan 42 via 198.18.2.2:8472", tunnel.Describe());
    }

    [Fact]
    public void Ipv6_remote_is_bracketed_and_no_remote_names_the_port()
    {
        var v6 = VxlanInfo.Decode([.. Attribute(1, 7, 0, 0, 0), .. Attribute(16, [.. IPAddress.Parse("2001:db8::2").GetAddressBytes()]), .. Attribute(15, 0x12, 0xb5)]);
        var bare = VxlanInfo.Decode([.. Attribute(1, 9, 0, 0, 0), .. Attribute(15, 0x12, 0xb5)]);

        Assert.Equal("vxlan 7 via [2001:db8::2]:4789", v6.Describe());
        Assert.Equal("vxlan 9 on udp 4789", bare.Describe());
    }
}
