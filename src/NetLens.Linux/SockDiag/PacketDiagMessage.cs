using System.Buffers.Binary;
using NetLens.Core.Sockets;
using NetLens.Linux.Netlink;

namespace NetLens.Linux.SockDiag;

/// <summary>Decodes one struct packet_diag_msg and its attributes (linux/packet_diag.h).</summary>
internal static class PacketDiagMessage
{
    public static SocketEntry? Decode(in NetlinkMessage message)
    {
        var payload = message.Payload;
        if (message.Type != SockDiagConstants.SOCK_DIAG_BY_FAMILY || payload.Length < SockDiagConstants.PacketMessageLength)
        {
            return null;
        }

        int device = 0;
        uint uid = 0;
        SocketMemory? memory = null;
        var attributes = new NetlinkAttributeReader(payload[SockDiagConstants.PacketMessageLength..]);
        while (attributes.MoveNext())
        {
            switch (attributes.Type)
            {
                // struct packet_diag_info starts with pdi_index, the interface the socket is bound to
                case SockDiagConstants.PACKET_DIAG_INFO when attributes.Value.Length >= 4:
                    device = (int)BinaryPrimitives.ReadUInt32LittleEndian(attributes.Value);
                    break;
                case SockDiagConstants.PACKET_DIAG_UID:
                    uid = NetlinkAttribute.U32(attributes.Value);
                    break;
                case SockDiagConstants.PACKET_DIAG_MEMINFO:
                    memory = SkMemInfo.Decode(attributes.Value);
                    break;
            }
        }

        return new SocketEntry
        {
            Kind = payload[1] == SockDiagConstants.SOCK_RAW ? SocketKind.PacketRaw : SocketKind.PacketDatagram,
            Family = System.Net.Sockets.AddressFamily.Packet,

            // packet sockets have no connection state: ss shows them UNCONN
            State = SocketState.Close,

            // pdiag_num: the protocol the kernel keeps in network order, handed over in host order
            Protocol = BinaryPrimitives.ReadUInt16LittleEndian(payload[2..]),
            Inode = BinaryPrimitives.ReadUInt32LittleEndian(payload[4..]),
            Cookie = BinaryPrimitives.ReadUInt64LittleEndian(payload[8..]),
            InterfaceIndex = device,
            Uid = uid,
            RecvQ = memory?.RmemAlloc ?? 0,
            Memory = memory,
        };
    }
}
