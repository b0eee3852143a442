using System.Buffers.Binary;
using NetLens.Core.Sockets;

namespace NetLens.Linux.SockDiag;

/// <summary>Reads struct tcp_info (linux/tcp.h) by offset; older kernels send a shorter struct, missing fields stay 0.</summary>
internal static class TcpInfoDecoder
{
    public static TcpInfo? Decode(ReadOnlySpan<byte> value)
    {
        if (value.Length < 104)
        {
            return null;
        }

        return new TcpInfo
        {
            Retransmits = value[2],
            Options = value[5],
            SendWindowScale = (byte)(value[6] & 0x0F),
            ReceiveWindowScale = (byte)(value[6] >> 4),
            RtoUs = U32(value, 8),
            AtoUs = U32(value, 12),
            SendMss = U32(value, 16),
            ReceiveMss = U32(value, 20),
            Unacked = U32(value, 24),
            Lost = U32(value, 32),
            Retrans = U32(value, 36),
            LastDataSentMs = U32(value, 44),
            LastDataReceivedMs = U32(value, 52),
            LastAckReceivedMs = U32(value, 56),
            Pmtu = U32(value, 60),
            ReceiveSsthresh = U32(value, 64),
            RttUs = U32(value, 68),
            RttVarUs = U32(value, 72),
            SendSsthresh = U32(value, 76),
            SendCwnd = U32(value, 80),
            AdvMss = U32(value, 84),
            ReceiveSpace = U32(value, 96),
            TotalRetrans = U32(value, 100),
            PacingRate = U64(value, 104),
            BytesAcked = U64(value, 120),
            BytesReceived = U64(value, 128),
            SegsOut = U32(value, 136),
            SegsIn = U32(value, 140),
            MinRttUs = U32(value, 148),
            DataSegsIn = U32(value, 152),
            DataSegsOut = U32(value, 156),
            DeliveryRate = U64(value, 160),
            Delivered = U32(value, 192),
            AppLimited = (value[7] & 1) != 0,
            BytesSent = U64(value, 200),
            BytesRetrans = U64(value, 208),
            SendWindow = U32(value, 228),
        };
    }

    private static uint U32(ReadOnlySpan<byte> value, int offset) =>
        offset + 4 <= value.Length ? BinaryPrimitives.ReadUInt32LittleEndian(value[offset..]) : 0;

    private static ulong U64(ReadOnlySpan<byte> value, int offset) =>
        offset + 8 <= value.Length ? BinaryPrimitives.ReadUInt64LittleEndian(value[offset..]) : 0;
}
