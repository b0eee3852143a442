namespace NetLens.Core.Scanning;

/// <summary>How TCP ports are probed.</summary>
public enum TcpScanType
{
    /// <summary>-sS: half-open SYN probes over raw sockets (CAP_NET_RAW).</summary>
    Syn,

    /// <summary>-sT: the kernel's connect(), no privilege.</summary>
    Connect,
}
