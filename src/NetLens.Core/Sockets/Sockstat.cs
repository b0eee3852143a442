namespace NetLens.Core.Sockets;

/// <summary>
/// The counters of /proc/net/sockstat and sockstat6. Per network namespace except TcpAlloc, TcpOrphan and
/// the memory figures, which the kernel keeps host-wide (why ss's `closed` is wrong inside a namespace).
/// </summary>
public sealed record Sockstat
{
    public int SocketsUsed { get; init; }

    public int TcpInUse { get; init; }

    public int TcpOrphan { get; init; }

    public int TcpTimeWait { get; init; }

    public int TcpAlloc { get; init; }

    public int UdpInUse { get; init; }

    public int RawInUse { get; init; }

    public int FragInUse { get; init; }

    public int Tcp6InUse { get; init; }

    public int Udp6InUse { get; init; }

    public int Raw6InUse { get; init; }

    public int Frag6InUse { get; init; }
}
