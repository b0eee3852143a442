using System.Buffers.Binary;
using NetLens.Linux.Netlink;

namespace NetLens.Linux.SockDiag;

/// <summary>Encodes sock_diag dump requests: struct inet_diag_req_v2 (and the older inet_diag_req), unix_diag_req, packet_diag_req, netlink_diag_req.</summary>
internal static class InetDiagRequest
{
    public const int MaxLength = NetlinkConstants.HeaderLength + SockDiagConstants.InetRequestLength + 8;

    /// <param name="buffer">At least <see cref="MaxLength"/> bytes.</param>
    /// <param name="family">AF_INET or AF_INET6.</param>
    /// <param name="protocol">IPPROTO_TCP, IPPROTO_UDP or IPPROTO_RAW.</param>
    /// <param name="states">idiag_states: bit n asks for state n.</param>
    /// <param name="extensions">idiag_ext: which INET_DIAG_* attributes to add.</param>
    public static ReadOnlySpan<byte> Inet(Span<byte> buffer, byte family, byte protocol, uint states, byte extensions)
    {
        var writer = new NetlinkMessageWriter(buffer, SockDiagConstants.SOCK_DIAG_BY_FAMILY, NetlinkConstants.NLM_F_REQUEST | NetlinkConstants.NLM_F_DUMP, 0);
        var request = writer.Reserve(SockDiagConstants.InetRequestLength);
        request[0] = family;
        request[1] = protocol;
        request[2] = extensions;
        BinaryPrimitives.WriteUInt32LittleEndian(request[4..], states);
        if (protocol == SockDiagConstants.IPPROTO_RAW)
        {
            // raw sockets of every protocol, not only those opened with IPPROTO_RAW
            writer.AddU32(SockDiagConstants.INET_DIAG_REQ_PROTOCOL, 0);
        }

        return writer.Finish();
    }

    /// <summary>Room for a TCP request carrying <paramref name="bytecode"/>.</summary>
    public static int TcpLength(ReadOnlySpan<byte> bytecode) =>
        NetlinkConstants.HeaderLength + SockDiagConstants.InetRequestV1Length + NetlinkConstants.Align(4 + bytecode.Length);

    /// <summary>
    /// TCPDIAG_GETSOCK with struct inet_diag_req, the interface before SOCK_DIAG_BY_FAMILY: its dump asks for no family,
    /// so the kernel walks its tables once for IPv4 and IPv6 together instead of once per family.
    /// </summary>
    /// <param name="buffer">At least <see cref="TcpLength"/> bytes.</param>
    /// <param name="states">idiag_states: bit n asks for state n.</param>
    /// <param name="bytecode">INET_DIAG_REQ_BYTECODE; empty for none.</param>
    public static ReadOnlySpan<byte> TcpBothFamilies(Span<byte> buffer, uint states, ReadOnlySpan<byte> bytecode)
    {
        var writer = new NetlinkMessageWriter(buffer, SockDiagConstants.TCPDIAG_GETSOCK, NetlinkConstants.NLM_F_REQUEST | NetlinkConstants.NLM_F_DUMP, 0);
        var request = writer.Reserve(SockDiagConstants.InetRequestV1Length);
        request[0] = SockDiagConstants.AF_INET;
        BinaryPrimitives.WriteUInt32LittleEndian(request[52..], states);
        if (!bytecode.IsEmpty)
        {
            writer.AddBytes(SockDiagConstants.INET_DIAG_REQ_BYTECODE, bytecode);
        }

        return writer.Finish();
    }

    /// <summary>SOCK_DIAG_BY_FAMILY for one family's TCP sockets, with a filter program.</summary>
    /// <param name="buffer">At least <see cref="TcpLength"/> bytes plus 4.</param>
    /// <param name="family">AF_INET or AF_INET6.</param>
    /// <param name="states">idiag_states: bit n asks for state n.</param>
    /// <param name="bytecode">INET_DIAG_REQ_BYTECODE; empty for none.</param>
    public static ReadOnlySpan<byte> Tcp(Span<byte> buffer, byte family, uint states, ReadOnlySpan<byte> bytecode)
    {
        var writer = new NetlinkMessageWriter(buffer, SockDiagConstants.SOCK_DIAG_BY_FAMILY, NetlinkConstants.NLM_F_REQUEST | NetlinkConstants.NLM_F_DUMP, 0);
        var request = writer.Reserve(SockDiagConstants.InetRequestLength);
        request[0] = family;
        request[1] = SockDiagConstants.IPPROTO_TCP;
        BinaryPrimitives.WriteUInt32LittleEndian(request[4..], states);
        if (!bytecode.IsEmpty)
        {
            writer.AddBytes(SockDiagConstants.INET_DIAG_REQ_BYTECODE, bytecode);
        }

        return writer.Finish();
    }

    /// <param name="buffer">At least <see cref="MaxLength"/> bytes.</param>
    /// <param name="states">udiag_states: bit n asks for state n.</param>
    /// <param name="show">UDIAG_SHOW_* flags.</param>
    public static ReadOnlySpan<byte> Unix(Span<byte> buffer, uint states, uint show)
    {
        var writer = new NetlinkMessageWriter(buffer, SockDiagConstants.SOCK_DIAG_BY_FAMILY, NetlinkConstants.NLM_F_REQUEST | NetlinkConstants.NLM_F_DUMP, 0);
        var request = writer.Reserve(SockDiagConstants.UnixRequestLength);
        request[0] = SockDiagConstants.AF_UNIX;
        BinaryPrimitives.WriteUInt32LittleEndian(request[4..], states);
        BinaryPrimitives.WriteUInt32LittleEndian(request[12..], show);
        return writer.Finish();
    }

    /// <summary>Every packet socket with its interface, uid (PACKET_SHOW_INFO) and memory (ss's Recv-Q).</summary>
    /// <param name="buffer">At least <see cref="MaxLength"/> bytes.</param>
    public static ReadOnlySpan<byte> Packet(Span<byte> buffer) =>
        PacketOrNetlink(buffer, SockDiagConstants.AF_PACKET, 0, SockDiagConstants.PACKET_SHOW_INFO | SockDiagConstants.PACKET_SHOW_MEMINFO);

    /// <summary>Every netlink socket of every netlink family, with its memory (ss's Recv-Q and Send-Q).</summary>
    /// <param name="buffer">At least <see cref="MaxLength"/> bytes.</param>
    public static ReadOnlySpan<byte> Netlink(Span<byte> buffer) =>
        PacketOrNetlink(buffer, SockDiagConstants.AF_NETLINK, SockDiagConstants.NDIAG_PROTO_ALL, SockDiagConstants.NDIAG_SHOW_MEMINFO);

    private static ReadOnlySpan<byte> PacketOrNetlink(Span<byte> buffer, byte family, byte protocol, uint show)
    {
        var writer = new NetlinkMessageWriter(buffer, SockDiagConstants.SOCK_DIAG_BY_FAMILY, NetlinkConstants.NLM_F_REQUEST | NetlinkConstants.NLM_F_DUMP, 0);
        var request = writer.Reserve(SockDiagConstants.PacketOrNetlinkRequestLength);
        request[0] = family;
        request[1] = protocol;
        BinaryPrimitives.WriteUInt32LittleEndian(request[8..], show);
        return writer.Finish();
    }
}
