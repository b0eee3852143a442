using System.Buffers.Binary;
using NetLens.Core.Sockets;
using NetLens.Linux.Netlink;

namespace NetLens.Linux.SockDiag;

/// <summary>Decodes one struct netlink_diag_msg and its attributes (linux/netlink_diag.h).</summary>
internal static class NetlinkDiagMessage
{
    public static SocketEntry? Decode(in NetlinkMessage message)
    {
        var payload = message.Payload;
        if (message.Type != SockDiagConstants.SOCK_DIAG_BY_FAMILY || payload.Length < SockDiagConstants.NetlinkMessageLength)
        {
            return null;
        }

        SocketMemory? memory = null;
        var attributes = new NetlinkAttributeReader(payload[SockDiagConstants.NetlinkMessageLength..]);
        while (attributes.MoveNext())
        {
            if (attributes.Type == SockDiagConstants.NETLINK_DIAG_MEMINFO)
            {
                memory = SkMemInfo.Decode(attributes.Value);
            }
        }

        var connected = payload[3] == SockDiagConstants.NETLINK_CONNECTED;
        return new SocketEntry
        {
            Kind = SocketKind.Netlink,
            Family = System.Net.Sockets.AddressFamily.Unknown,

            // ss shows every netlink socket UNCONN, connected ones with their peer
            State = SocketState.Close,
            Protocol = payload[2],
            NetlinkPortId = BinaryPrimitives.ReadInt32LittleEndian(payload[4..]),
            NetlinkPeer = connected
                ? new NetlinkPeer(BinaryPrimitives.ReadInt32LittleEndian(payload[8..]), BinaryPrimitives.ReadUInt32LittleEndian(payload[12..]))
                : null,
            Inode = BinaryPrimitives.ReadUInt32LittleEndian(payload[16..]),
            Cookie = BinaryPrimitives.ReadUInt64LittleEndian(payload[20..]),
            RecvQ = memory?.RmemAlloc ?? 0,
            SendQ = memory?.WmemAlloc ?? 0,
            Memory = memory,
        };
    }
}
