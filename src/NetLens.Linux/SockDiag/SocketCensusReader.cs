using System.Net.Sockets;
using NetLens.Core.Sockets;
using NetLens.Linux.Namespaces;
using NetLens.Linux.Proc;

namespace NetLens.Linux.SockDiag;

/// <summary>Everything `sockets -s` and `--check` weigh: every TCP socket state by state, and the namespace's /proc counters.</summary>
public sealed record SocketCensus(
    IReadOnlyList<SocketEntry> Tcp,
    TcpCensus Counts,
    Sockstat Sockstat,
    IReadOnlyDictionary<string, long> Counters,
    SocketCheckFacts Facts);

public static class SocketCensusReader
{
    /// <summary>TCP in every state sock_diag knows, bound-only sockets included (kernel 6.8+, ignored by older ones).</summary>
    private static readonly SocketStateSet Everything = SocketStateSet.All.With(SocketStateSet.Of(SocketState.BoundInactive));

    /// <summary>Reads /proc first, then opens the sock_diag socket: "sockets used" must not count netlens's own socket, as ss -s does not.</summary>
    public static SocketCensus Read(string? netns)
    {
        // /proc/net and /proc/sys/net answer for the reading thread's namespace
        var (sockstat, counters, facts) = netns is { } ns ? NetworkNamespace.Run(ns, ReadProc) : ReadProc();
        using var diag = netns is { } name ? SockDiagNetlink.OpenInNamespace(name) : SockDiagNetlink.Open();
        var tcp = new List<SocketEntry>();
        var counts = new TcpCensus();
        foreach (var family in new[] { AddressFamily.InterNetwork, AddressFamily.InterNetworkV6 })
        {
            diag.DumpInet(SocketKind.Tcp, family, Everything, SocketDetails.None, socket =>
            {
                tcp.Add(socket);
                counts.Add(socket);
            });
        }

        return new SocketCensus(tcp, counts, sockstat, counters, facts);
    }

    private static (Sockstat, IReadOnlyDictionary<string, long>, SocketCheckFacts) ReadProc()
    {
        var sockstat = SocketProcFiles.ReadSockstat();
        var counters = SocketProcFiles.ReadCounters();
        return (sockstat, counters, SocketProcFiles.ReadCheckFacts(sockstat, counters));
    }
}
