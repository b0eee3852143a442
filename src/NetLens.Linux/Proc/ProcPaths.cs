namespace NetLens.Linux.Proc;

/// <summary>Every /proc file netlens reads, in one place so tests and namespaces can substitute them.</summary>
public static class ProcPaths
{
    /// <summary>IPv4 table main, as `route -n` reads it.</summary>
    public const string Ipv4Route = "/proc/net/route";

    /// <summary>All IPv6 FIB entries of all tables, as `route -n -A inet6` reads them.</summary>
    public const string Ipv6Route = "/proc/net/ipv6_route";

    /// <summary>The same table as seen by the calling thread, which may have entered another network namespace.</summary>
    public const string ThreadIpv6Route = "/proc/thread-self/net/ipv6_route";

    /// <summary>Socket counters of the calling thread's namespace (sockets used, TCP inuse/orphan/tw/alloc, UDP, RAW, FRAG).</summary>
    public const string ThreadSockstat = "/proc/thread-self/net/sockstat";

    /// <summary>The IPv6 half of sockstat (TCP6, UDP6, RAW6, FRAG6).</summary>
    public const string ThreadSockstat6 = "/proc/thread-self/net/sockstat6";

    /// <summary>SNMP MIB counters (Tcp CurrEstab…) of the calling thread's namespace.</summary>
    public const string ThreadSnmp = "/proc/thread-self/net/snmp";

    /// <summary>Linux MIB counters (TcpExt ListenOverflows, ListenDrops…) of the calling thread's namespace.</summary>
    public const string ThreadNetstat = "/proc/thread-self/net/netstat";

    /// <summary>The ephemeral port range connect() picks from.</summary>
    public const string IpLocalPortRange = "/proc/sys/net/ipv4/ip_local_port_range";

    /// <summary>How many orphaned TCP sockets the kernel keeps before resetting connections.</summary>
    public const string TcpMaxOrphans = "/proc/sys/net/ipv4/tcp_max_orphans";

    /// <summary>Where every process's open files are listed (/proc/PID/fd) and named (/proc/PID/stat).</summary>
    public const string Root = "/proc";
}
