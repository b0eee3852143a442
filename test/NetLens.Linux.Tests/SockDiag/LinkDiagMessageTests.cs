using NetLens.Core.Sockets;
using NetLens.Linux.Netlink;
using NetLens.Linux.SockDiag;

namespace NetLens.Linux.Tests.SockDiag;

/// <summary>packet_diag_msg and netlink_diag_msg from bytes laid out as linux/packet_diag.h and netlink_diag.h define them.</summary>
public class LinkDiagMessageTests
{
    [Fact]
    public void Packet_message_gives_type_ethertype_inode_device_uid_and_queue()
    {
        var payload = Convert.FromHexString(
            "11" + "02" + "DD86" + "39300000" + "0100000000000000" + // AF_PACKET, SOCK_DGRAM, num 0x86DD (host order), ino 12345, cookie 1
            "1C000000" + "01000000" + "00000000" + "00000000" + "00000000" + "00000000" + "00000000" + // PACKET_DIAG_INFO: ifindex 1
            "08000500" + "E8030000" + // PACKET_DIAG_UID 1000
            "28000600" + "00020000" + string.Concat(Enumerable.Repeat("00000000", 8))); // PACKET_DIAG_MEMINFO: rmem 512

        var socket = PacketDiagMessage.Decode(new NetlinkMessage(SockDiagConstants.SOCK_DIAG_BY_FAMILY, 0, 1, 0, payload))!;

        Assert.Equal((SocketKind.PacketDatagram, 0x86DD, 12345u, 1, 1000u, 512u), (socket.Kind, socket.Protocol, socket.Inode, socket.InterfaceIndex, socket.Uid, socket.RecvQ));
        Assert.Equal(SocketState.Close, socket.State);
    }

    [Fact]
    public void Netlink_message_gives_family_port_id_and_a_connected_peer()
    {
        var payload = Convert.FromHexString(
            "10" + "03" + "10" + "01" + "D2040000" + "00000000" + "00000000" + "09000000" + "0000000000000000"); // genl, connected, port 1234 → kernel (0, group 0), ino 9

        var socket = NetlinkDiagMessage.Decode(new NetlinkMessage(SockDiagConstants.SOCK_DIAG_BY_FAMILY, 0, 1, 0, payload))!;

        Assert.Equal((SocketKind.Netlink, 16, 1234, 9u), (socket.Kind, socket.Protocol, socket.NetlinkPortId, socket.Inode));
        Assert.Equal(new NetlinkPeer(0, 0), socket.NetlinkPeer);
    }

    [Fact]
    public void Unconnected_netlink_socket_has_no_peer_and_kernel_sockets_port_0()
    {
        var payload = Convert.FromHexString("10" + "03" + "00" + "00" + "00000000" + "00000000" + "00000000" + "05000000" + "0000000000000000");

        var socket = NetlinkDiagMessage.Decode(new NetlinkMessage(SockDiagConstants.SOCK_DIAG_BY_FAMILY, 0, 1, 0, payload))!;

        Assert.Null(socket.NetlinkPeer);
        Assert.Equal(0, socket.NetlinkPortId);
        Assert.Equal("rtnl", LinkProtocolNames.Netlink(socket.Protocol, numeric: false));
    }
}
