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
}
