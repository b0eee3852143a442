namespace NetLens.Core.Sockets;

/// <summary>Which extra facts to ask the kernel for with each socket (idiag_ext / udiag_show).</summary>
[Flags]
public enum SocketDetails
{
    None = 0,

    /// <summary>tcp_info and the congestion control name (ss -i).</summary>
    TcpInfo = 1,

    /// <summary>skmeminfo (ss -m).</summary>
    Memory = 2,
}
