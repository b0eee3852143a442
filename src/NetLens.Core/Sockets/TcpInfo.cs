namespace NetLens.Core.Sockets;

/// <summary>The fields of struct tcp_info (linux/tcp.h) ss -i shows; times in microseconds unless named otherwise.</summary>
public sealed record TcpInfo
{
    public byte Retransmits { get; init; }

    public byte Options { get; init; }

    public byte SendWindowScale { get; init; }

    public byte ReceiveWindowScale { get; init; }

    public uint RtoUs { get; init; }

    public uint AtoUs { get; init; }

    public uint SendMss { get; init; }

    public uint ReceiveMss { get; init; }

    public uint Unacked { get; init; }

    public uint Lost { get; init; }

    public uint Retrans { get; init; }

    public uint LastDataSentMs { get; init; }

    public uint LastDataReceivedMs { get; init; }

    public uint LastAckReceivedMs { get; init; }

    public uint Pmtu { get; init; }

    public uint ReceiveSsthresh { get; init; }

    public uint RttUs { get; init; }

    public uint RttVarUs { get; init; }

    public uint SendSsthresh { get; init; }

    public uint SendCwnd { get; init; }

    public uint AdvMss { get; init; }

    public uint ReceiveSpace { get; init; }

    public uint TotalRetrans { get; init; }

    public ulong PacingRate { get; init; }

    public ulong BytesAcked { get; init; }

    public ulong BytesReceived { get; init; }

    public uint SegsOut { get; init; }

    public uint SegsIn { get; init; }

    public uint MinRttUs { get; init; }

    public uint DataSegsIn { get; init; }

    public uint DataSegsOut { get; init; }

    public ulong DeliveryRate { get; init; }

    public uint Delivered { get; init; }

    /// <summary>The delivery rate was measured while the application had nothing to send.</summary>
    public bool AppLimited { get; init; }

    public ulong BytesSent { get; init; }

    public ulong BytesRetrans { get; init; }

    public uint SendWindow { get; init; }
}
