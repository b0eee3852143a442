using System.Buffers.Binary;
using System.Text;
using NetLens.Core.Sockets;
using NetLens.Linux.Netlink;

namespace NetLens.Linux.SockDiag;

/// <summary>Decodes one struct unix_diag_msg and its attributes (linux/unix_diag.h).</summary>
internal static class UnixDiagMessage
{
    public static SocketEntry? Decode(in NetlinkMessage message)
    {
        var payload = message.Payload;
        if (message.Type != SockDiagConstants.SOCK_DIAG_BY_FAMILY || payload.Length < SockDiagConstants.UnixMessageLength)
        {
            return null;
        }

        var kind = payload[1] switch
        {
            SockDiagConstants.SOCK_DGRAM => SocketKind.UnixDatagram,
            SockDiagConstants.SOCK_SEQPACKET => SocketKind.UnixSeqPacket,
            _ => SocketKind.UnixStream,
        };
        string? path = null;
        uint peer = 0, recvQ = 0, sendQ = 0, uid = 0;
        SocketMemory? memory = null;
        var attributes = new NetlinkAttributeReader(payload[SockDiagConstants.UnixMessageLength..]);
        while (attributes.MoveNext())
        {
            switch (attributes.Type)
            {
                case SockDiagConstants.UNIX_DIAG_NAME:
                    path = Name(attributes.Value);
                    break;
                case SockDiagConstants.UNIX_DIAG_PEER:
                    peer = NetlinkAttribute.U32(attributes.Value);
                    break;
                case SockDiagConstants.UNIX_DIAG_RQLEN when attributes.Value.Length >= 8:
                    recvQ = BinaryPrimitives.ReadUInt32LittleEndian(attributes.Value);
                    sendQ = BinaryPrimitives.ReadUInt32LittleEndian(attributes.Value[4..]);
                    break;
                case SockDiagConstants.UNIX_DIAG_MEMINFO:
                    memory = SkMemInfo.Decode(attributes.Value);
                    break;
                case SockDiagConstants.UNIX_DIAG_UID:
                    uid = NetlinkAttribute.U32(attributes.Value);
                    break;
            }
        }

        return new SocketEntry
        {
            Kind = kind,
            Family = System.Net.Sockets.AddressFamily.Unix,
            State = (SocketState)payload[2],
            Inode = BinaryPrimitives.ReadUInt32LittleEndian(payload[4..]),
            Cookie = BinaryPrimitives.ReadUInt64LittleEndian(payload[8..]),
            UnixPath = path,
            UnixPeerInode = peer,
            RecvQ = recvQ,
            SendQ = sendQ,
            Uid = uid,
            Memory = memory,
        };
    }

    /// <summary>An abstract name starts with NUL, which ss shows as '@'.</summary>
    private static string Name(ReadOnlySpan<byte> value) =>
        value.Length > 0 && value[0] == 0 ? "@" + Encoding.UTF8.GetString(value[1..]) : NetlinkAttribute.String(value);
}
