using NetLens.Core.Sockets;
using NetLens.Linux.Namespaces;
using NetLens.Linux.Proc;

namespace NetLens.Linux.SockDiag;

/// <summary>Everything `sockets -s` and `--check` weigh: the TCP sockets the checks need, their census, and the namespace's /proc counters.</summary>
/// <param name="Tcp">Listeners, the states <see cref="TcpSummaryWalks.Counted"/> of every port, the other states of ports no listener holds.</param>
/// <param name="Counts">Those sockets counted by state and local port.</param>
/// <param name="Sockstat">/proc/net/sockstat and sockstat6.</param>
/// <param name="Counters">/proc/net/snmp and netstat.</param>
/// <param name="Facts">The sysctls and counters the checks weigh against.</param>
public sealed record SocketCensus(
    IReadOnlyList<SocketEntry> Tcp,
    TcpCensus Counts,
    Sockstat Sockstat,
    IReadOnlyDictionary<string, long> Counters,
    SocketCheckFacts Facts)
{
    public SocketSummary Summary() => SocketSummary.From(Counts, Sockstat, Counters.GetValueOrDefault("Tcp.CurrEstab"));
}

public static class SocketCensusReader
{
    /// <summary>Reads /proc first, then opens the sock_diag socket: "sockets used" must not count netlens's own socket, as ss -s does not.</summary>
    /// <param name="netns">The namespace, null for the current one.</param>
    /// <param name="oneDumpForBothFamilies">False walks each family on its own (the path for kernels without TCPDIAG_GETSOCK).</param>
    public static SocketCensus Read(string? netns, bool oneDumpForBothFamilies = true)
    {
        // /proc/net and /proc/sys/net answer for the reading thread's namespace
        var (sockstat, counters, facts) = netns is { } ns ? NetworkContext.For(ns).Run(ReadProc) : ReadProc();
        using var diag = netns is { } name ? SockDiagNetlink.OpenInNamespace(name) : SockDiagNetlink.Open();
        diag.OneTcpDumpForBothFamilies = oneDumpForBothFamilies;
        var tcp = new List<SocketEntry>();
        var counts = new TcpCensus();
        void Take(SocketEntry socket)
        {
            tcp.Add(socket);
            counts.Add(socket);
        }

        diag.DumpTcp(TcpSummaryWalks.Listeners, [], Take);
        var listenerPorts = tcp.Select(s => s.LocalPort).Distinct().Order().ToList();
        var listening = new HashSet<int>(listenerPorts);

        var counted = TcpSummaryWalks.Counted(sockstat.TcpTimeWait);
        diag.DumpTcp(counted, [], Take);

        // the kernel drops the listeners' ports before answering; too many ports cost it more than they save, so filter here too
        var notListening = listenerPorts.Count <= InetDiagBytecode.MaxPorts ? InetDiagBytecode.LocalPortNotIn(listenerPorts) : [];
        diag.DumpTcp(TcpSummaryWalks.Rest(counted), notListening, socket =>
        {
            if (!listening.Contains(socket.LocalPort))
            {
                Take(socket);
            }
        });

        return new SocketCensus(tcp, counts, sockstat, counters, facts);
    }
    private static (Sockstat, IReadOnlyDictionary<string, long>, SocketCheckFacts) ReadProc()
    {
        var sockstat = SocketProcFiles.ReadSockstat();
        var counters = SocketProcFiles.ReadCounters();
        return (sockstat, counters, SocketProcFiles.ReadCheckFacts(sockstat, counters));
    }
}
