namespace NetLens.Core.Sockets;

/// <summary>One Transport row of `ss -s`: a protocol's sockets over IPv4 and IPv6.</summary>
public readonly record struct TransportCount(string Name, int Ipv4, int Ipv6)
{
    public int Total => Ipv4 + Ipv6;
}

/// <summary>Every figure of the sheet's `ss -s`, each counted for real in the namespace asked about.</summary>
public sealed record SocketSummary
{
    public int Total { get; init; }

    public int TcpTotal { get; init; }

    /// <summary>ESTABLISHED and CLOSE-WAIT, as ss and the kernel's CurrEstab count it.</summary>
    public int Established { get; init; }

    /// <summary>TCP sockets bound but neither listening nor connected (kernel 6.8+ shows them); unbound ones no interface reports.</summary>
    public int Closed { get; init; }

    public int Orphaned { get; init; }

    public int SynRecv { get; init; }

    public int TimeWait { get; init; }

    /// <summary>The kernel's own TIME-WAIT counter (sockstat tw), ss's second timewait figure.</summary>
    public int TimeWaitCounter { get; init; }

    /// <summary>Local TCP ports in use (distinct ports across all TCP sockets).</summary>
    public int Ports { get; init; }

    public required IReadOnlyList<TransportCount> Transport { get; init; }

    /// <summary>Joins the state-by-state census of the walks in <see cref="TcpSummaryWalks"/> with the kernel's per-namespace counters.</summary>
    /// <param name="census">Listeners, the counted states of every port, the rest for ports no listener holds.</param>
    /// <param name="sockstat">sockets used, TCP inuse and tw, the Transport table.</param>
    /// <param name="currEstab">Tcp CurrEstab of /proc/net/snmp: sockets in ESTABLISHED or CLOSE-WAIT, what ss calls estab.</param>
    public static SocketSummary From(TcpCensus census, Sockstat sockstat, long currEstab)
    {
        var closed = census.Count(SocketState.BoundInactive) + census.Count(SocketState.Close);
        var raw = new TransportCount("RAW", sockstat.RawInUse, sockstat.Raw6InUse);
        var udp = new TransportCount("UDP", sockstat.UdpInUse, sockstat.Udp6InUse);
        var tcp = new TransportCount("TCP", sockstat.TcpInUse, sockstat.Tcp6InUse);
        var inet = new TransportCount("INET", raw.Ipv4 + udp.Ipv4 + tcp.Ipv4, raw.Ipv6 + udp.Ipv6 + tcp.Ipv6);
        var frag = new TransportCount("FRAG", sockstat.FragInUse, sockstat.Frag6InUse);
        return new SocketSummary
        {
            Total = sockstat.SocketsUsed,
            // hashed sockets (listeners, connected) are inuse, TIME-WAIT ones tw; bound-only ones no counter holds
            TcpTotal = sockstat.TcpInUse + sockstat.Tcp6InUse + sockstat.TcpTimeWait + closed,
            Established = (int)currEstab,
            Closed = closed,
            Orphaned = census.Orphans,
            SynRecv = census.Count(SocketState.SynRecv),

            // the tw counter holds FIN-WAIT-2 sockets moved to the TIME-WAIT table too; the walk of FIN-WAIT-2 names them
            TimeWait = Math.Max(0, sockstat.TcpTimeWait - census.FinWait2InTimeWaitTable),
            TimeWaitCounter = sockstat.TcpTimeWait,
            Ports = census.LocalPorts,
            Transport = [raw, udp, tcp, inet, frag],
        };
    }
}
