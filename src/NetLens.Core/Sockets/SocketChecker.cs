using System.Globalization;
using System.Net;

namespace NetLens.Core.Sockets;

/// <summary>Looks at TCP sockets and host counters for trouble ss leaves the reader to spot: pure, thresholds named.</summary>
public static class SocketChecker
{
    /// <summary>Share of the ephemeral range toward one destination that is worth a warning.</summary>
    public const double EphemeralShare = 0.5;

    public const int TimeWaitPile = 1000;

    public const double ListenQueueShare = 0.9;

    public const double OrphanShare = 0.5;

    /// <summary>Services that are usually meant for loopback only; exposed on every address they invite trouble.</summary>
    private static readonly Dictionary<int, string> LoopbackServices = new()
    {
        [2375] = "docker API",
        [2379] = "etcd",
        [3306] = "mysql",
        [5432] = "postgresql",
        [5984] = "couchdb",
        [6379] = "redis",
        [8086] = "influxdb",
        [9200] = "elasticsearch",
        [11211] = "memcached",
        [27017] = "mongodb",
    };

    public static IReadOnlyList<SocketFinding> Check(IReadOnlyList<SocketEntry> tcp, SocketCheckFacts facts)
    {
        var findings = new List<SocketFinding>();
        CheckEphemeralPorts(tcp, facts, findings);
        CheckTimeWait(tcp, findings);
        CheckListenQueues(tcp, facts, findings);
        CheckOrphans(facts, findings);
        CheckExposedServices(tcp, findings);
        return findings;
    }

    private static void CheckEphemeralPorts(IReadOnlyList<SocketEntry> tcp, SocketCheckFacts facts, List<SocketFinding> findings)
    {
        var range = facts.EphemeralHigh - facts.EphemeralLow + 1;
        if (range <= 0)
        {
            return;
        }

        // connect() picks a free local port per (source address, destination address, destination port)
        var byDestination = new Dictionary<(IPAddress Source, IPAddress Peer, int Port), int>();
        foreach (var socket in tcp)
        {
            if (socket.State is SocketState.Listen or SocketState.SynRecv or SocketState.Close or SocketState.BoundInactive
                || socket.LocalPort < facts.EphemeralLow || socket.LocalPort > facts.EphemeralHigh)
            {
                continue;
            }

            var key = (socket.LocalAddress, socket.PeerAddress, socket.PeerPort);
            byDestination[key] = byDestination.GetValueOrDefault(key) + 1;
        }

        foreach (var ((source, peer, port), count) in byDestination.OrderByDescending(p => p.Value))
        {
            if (count < range * EphemeralShare)
            {
                break;
            }

            findings.Add(new SocketFinding(
                SocketFindingKind.EphemeralPortExhaustion,
                Invariant($"{count} of {range} ephemeral ports ({Percent(count, range)}) are in use from {source} toward {Endpoint(peer, port)} (net.ipv4.ip_local_port_range {facts.EphemeralLow}-{facts.EphemeralHigh}); connect() fails with EADDRNOTAVAIL when they run out.")));
        }
    }

    private static void CheckTimeWait(IReadOnlyList<SocketEntry> tcp, List<SocketFinding> findings)
    {
        var byPeer = new Dictionary<IPAddress, int>();
        foreach (var socket in tcp)
        {
            if (socket.State == SocketState.TimeWait)
            {
                byPeer[socket.PeerAddress] = byPeer.GetValueOrDefault(socket.PeerAddress) + 1;
            }
        }

        foreach (var (peer, count) in byPeer.OrderByDescending(p => p.Value))
        {
            if (count < TimeWaitPile)
            {
                break;
            }

            findings.Add(new SocketFinding(
                SocketFindingKind.TimeWaitPile,
                Invariant($"{count} connections with {peer} sit in TIME-WAIT; short-lived connections to one peer pile up for 60 s each (reuse connections, or keep-alive).")));
        }
    }

    private static void CheckListenQueues(IReadOnlyList<SocketEntry> tcp, SocketCheckFacts facts, List<SocketFinding> findings)
    {
        if (facts.ListenOverflows > 0 || facts.ListenDrops > 0)
        {
            findings.Add(new SocketFinding(
                SocketFindingKind.ListenOverflow,
                Invariant($"The kernel dropped connection attempts because accept queues were full: ListenOverflows {facts.ListenOverflows}, ListenDrops {facts.ListenDrops} (/proc/net/netstat, since the namespace started).")));
        }

        foreach (var socket in tcp)
        {
            // a listener's Recv-Q is its accept queue and Send-Q its backlog
            if (socket.State == SocketState.Listen && socket.SendQ > 0 && socket.RecvQ >= socket.SendQ * ListenQueueShare)
            {
                findings.Add(new SocketFinding(
                    SocketFindingKind.ListenQueueFull,
                    Invariant($"The listener on {Endpoint(socket.LocalAddress, socket.LocalPort)} has {socket.RecvQ} of {socket.SendQ} accept-queue slots taken ({Percent(socket.RecvQ, socket.SendQ)}); the application is not accepting fast enough.")));
            }
        }
    }

    private static void CheckOrphans(SocketCheckFacts facts, List<SocketFinding> findings)
    {
        if (facts.MaxOrphans > 0 && facts.OrphansHostWide >= facts.MaxOrphans * OrphanShare)
        {
            findings.Add(new SocketFinding(
                SocketFindingKind.Orphans,
                Invariant($"{facts.OrphansHostWide} orphaned TCP sockets are {Percent(facts.OrphansHostWide, facts.MaxOrphans)} of net.ipv4.tcp_max_orphans ({facts.MaxOrphans}); above it the kernel resets connections and logs \"too many orphaned sockets\".")));
        }
    }

    private static void CheckExposedServices(IReadOnlyList<SocketEntry> tcp, List<SocketFinding> findings)
    {
        foreach (var socket in tcp)
        {
            if (socket.State == SocketState.Listen
                && (socket.LocalAddress.Equals(IPAddress.Any) || socket.LocalAddress.Equals(IPAddress.IPv6Any))
                && socket.InterfaceIndex == 0
                && LoopbackServices.TryGetValue(socket.LocalPort, out var service))
            {
                findings.Add(new SocketFinding(
                    SocketFindingKind.ExposedLocalService,
                    Invariant($"Port {socket.LocalPort} ({service}) listens on every address ({Endpoint(socket.LocalAddress, socket.LocalPort)}); such services are usually meant for 127.0.0.1 only.")));
            }
        }
    }

    private static string Endpoint(IPAddress address, int port) =>
        address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]:{port}" : $"{address}:{port}";

    private static string Percent(double part, double whole) =>
        (part / whole).ToString("P0", CultureInfo.InvariantCulture).Replace(" ", "", StringComparison.Ordinal);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
