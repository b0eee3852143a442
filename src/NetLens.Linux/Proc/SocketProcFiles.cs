using NetLens.Core.Sockets;

namespace NetLens.Linux.Proc;

/// <summary>The socket counters of the calling thread's network namespace, read from /proc (call inside NetworkNamespace.Run for another one).</summary>
public static class SocketProcFiles
{
    public static Sockstat ReadSockstat() =>
        SockstatParser.Parse(ReadOrEmpty(ProcPaths.ThreadSockstat), ReadOrEmpty(ProcPaths.ThreadSockstat6));

    /// <summary>/proc/net/snmp and /proc/net/netstat together ("Tcp.CurrEstab", "TcpExt.ListenOverflows").</summary>
    public static IReadOnlyDictionary<string, long> ReadCounters()
    {
        var counters = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var path in new[] { ProcPaths.ThreadSnmp, ProcPaths.ThreadNetstat })
        {
            foreach (var (name, value) in NetCounterTableParser.Parse(ReadOrEmpty(path)))
            {
                counters[name] = value;
            }
        }

        return counters;
    }

    /// <summary>net.ipv4.ip_local_port_range of the calling thread's namespace; Linux's default when unreadable.</summary>
    public static (int Low, int High) ReadEphemeralRange()
    {
        var range = ReadOrEmpty(ProcPaths.IpLocalPortRange).Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
        return range.Length == 2 && int.TryParse(range[0], out var low) && int.TryParse(range[1], out var high) ? (low, high) : (32768, 60999);
    }

    /// <summary>net.ipv4.ip_local_port_range and tcp_max_orphans; sysctls under /proc/sys/net follow the reader's namespace.</summary>
    public static SocketCheckFacts ReadCheckFacts(Sockstat sockstat, IReadOnlyDictionary<string, long> counters)
    {
        var (low, high) = ReadEphemeralRange();
        return new SocketCheckFacts
        {
            EphemeralLow = low,
            EphemeralHigh = high,
            MaxOrphans = int.TryParse(ReadOrEmpty(ProcPaths.TcpMaxOrphans).Trim(), out var max) ? max : 0,
            OrphansHostWide = sockstat.TcpOrphan,
            ListenOverflows = counters.GetValueOrDefault("TcpExt.ListenOverflows"),
            ListenDrops = counters.GetValueOrDefault("TcpExt.ListenDrops"),
        };
    }

    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
