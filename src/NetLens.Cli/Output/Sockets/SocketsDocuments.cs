namespace NetLens.Cli.Output.Sockets;

/// <summary>`sockets --json`: every listed socket.</summary>
public sealed record SocketsDocument(IReadOnlyList<SocketJson> Sockets);

/// <summary>An inet endpoint (address, port, device), a unix one (path, inode), a packet one (protocol, device) or a netlink one (protocol, port_id; a peer's group).</summary>
public sealed record EndpointJson(string? Address, int? Port, string? Device, string? Path, uint? Inode)
{
    /// <summary>Packet: the EtherType's name (all for ETH_P_ALL); netlink: the netlink family's name.</summary>
    public string? Protocol { get; init; }

    public int? ProtocolNumber { get; init; }

    public int? PortId { get; init; }

    public uint? Group { get; init; }
}

public sealed record OwnerJson(string Name, int Pid, int Fd);

/// <summary>The kernel tunnel a socket no process owns belongs to: its device, kind, VNI, remote and UDP port.</summary>
public sealed record KernelTunnelJson(string Device, string Kind, uint? Id, string? Remote, int? Port);

public sealed record SocketJson
{
    public required string Netid { get; init; }

    public required string State { get; init; }

    public uint RecvQ { get; init; }

    public uint SendQ { get; init; }

    public required EndpointJson Local { get; init; }

    public required EndpointJson Peer { get; init; }

    public uint Inode { get; init; }

    public uint Uid { get; init; }

    public string? Cookie { get; init; }

    public IReadOnlyList<OwnerJson>? Users { get; init; }

    /// <summary>Present when the socket is a kernel tunnel's (vxlan's UDP port): no process holds it.</summary>
    public KernelTunnelJson? KernelTunnel { get; init; }

    /// <summary>The running kernel timer (ss -o); absent when none runs.</summary>
    public TimerJson? Timer { get; init; }

    public string? Congestion { get; init; }

    public TcpInfoJson? TcpInfo { get; init; }

    public MemoryJson? Memory { get; init; }
}

public sealed record TcpInfoJson(
    double RttMs,
    double RttVarMs,
    double RtoMs,
    uint Cwnd,
    uint? Ssthresh,
    uint MssBytes,
    uint PmtuBytes,
    uint Retransmits,
    uint RetransTotal,
    uint Lost,
    uint Unacked,
    ulong BytesSent,
    ulong BytesRetrans,
    ulong BytesAcked,
    ulong BytesReceived,
    uint SegsOut,
    uint SegsIn,
    double? MinRttMs,
    ulong? DeliveryRateBps);

public sealed record TimerJson(string Name, uint ExpiresMs, int Retransmits);

/// <summary>ss -m's skmem: every amount in bytes, drops a count.</summary>
public sealed record MemoryJson(
    uint RmemAllocBytes,
    uint RcvBufBytes,
    uint WmemAllocBytes,
    uint SndBufBytes,
    uint FwdAllocBytes,
    uint WmemQueuedBytes,
    uint OptMemBytes,
    uint BacklogBytes,
    uint Drops);

/// <summary>`sockets -s --json` and `sockets --check --json`.</summary>
public sealed record SocketSummaryDocument
{
    public SummaryJson? Summary { get; init; }

    public required IReadOnlyList<SocketFindingJson> Findings { get; init; }
}

public sealed record SummaryJson
{
    public int Total { get; init; }

    public required TcpSummaryJson Tcp { get; init; }

    public required IReadOnlyList<TransportJson> Transport { get; init; }
}

public sealed record TcpSummaryJson(int Total, int Estab, int Closed, int Orphaned, int Synrecv, int Timewait, int TimewaitCounter, int Ports);

public sealed record TransportJson(string Name, int Total, int Ip, int Ipv6);

public sealed record SocketFindingJson(string Kind, string Message);
