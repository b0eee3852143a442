namespace NetLens.Core.Sockets;

/// <summary>What a finding is about, stable for scripts (--json "kind").</summary>
public enum SocketFindingKind
{
    EphemeralPortExhaustion,
    TimeWaitPile,
    ListenOverflow,
    ListenQueueFull,
    Orphans,
    ExposedLocalService,
}

/// <summary>One thing ss does not say, in one sentence with its numbers.</summary>
public sealed record SocketFinding(SocketFindingKind Kind, string Message);

/// <summary>The host facts the checks weigh the sockets against.</summary>
public sealed record SocketCheckFacts
{
    /// <summary>net.ipv4.ip_local_port_range.</summary>
    public int EphemeralLow { get; init; } = 32768;

    public int EphemeralHigh { get; init; } = 60999;

    /// <summary>net.ipv4.tcp_max_orphans (host-wide).</summary>
    public int MaxOrphans { get; init; }

    /// <summary>The kernel's orphan counter (sockstat orphan, host-wide).</summary>
    public int OrphansHostWide { get; init; }

    /// <summary>TcpExt ListenOverflows and ListenDrops since the namespace was created.</summary>
    public long ListenOverflows { get; init; }

    public long ListenDrops { get; init; }
}
