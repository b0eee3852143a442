using System.Net;
using System.Net.Sockets;
using NetLens.Linux.Namespaces;

namespace NetLens.Lab.Tests.Trace;

/// <summary>
/// source — r1 — r2 — r3 — target, joined by veth: link k (1..4) is 198.18.k.0/24 and 2001:db8:k::/64, .1 on the
/// left end, .2 on the right. Routers forward both families and send ICMP without per-peer or global rate limits (the first
/// round's burst of port unreachables would otherwise trip icmp_msgs_burst at the target), so loss is only what a test injects.
/// The target listens on TCP port <see cref="OpenPort"/> (both families) with a backlog deep enough for every probe's connection.
/// </summary>
public sealed class TraceChainLab : IDisposable
{
    public const int Links = 4;
    public const int OpenPort = 80;
    private const int Backlog = 65535;
    private readonly List<LabNamespace> _chain = [];
    private readonly Socket? _listener;

    public TraceChainLab()
    {
        if (!LabPrivileges.IsRoot)
        {
            return;
        }

        try
        {
            foreach (var role in new[] { "src", "ra", "rb", "rc", "dst" })
            {
                _chain.Add(LabNamespace.Create(role));
            }

            for (var k = 1; k <= Links; k++)
            {
                VethLink.Connect(_chain[k - 1], $"right{k}", _chain[k], $"left{k}");
                _chain[k - 1].Ip($"addr add 198.18.{k}.1/24 dev right{k}");
                _chain[k - 1].Ip($"addr add 2001:db8:{k}::1/64 dev right{k} nodad");
                _chain[k].Ip($"addr add 198.18.{k}.2/24 dev left{k}");
                _chain[k].Ip($"addr add 2001:db8:{k}::2/64 dev left{k} nodad");
            }

            for (var i = 0; i < _chain.Count; i++)
            {
                Sysctl(_chain[i], "net.ipv4.icmp_ratelimit=0", "net.ipv6.icmp.ratelimit=0", "net.ipv4.icmp_msgs_per_sec=100000", "net.ipv4.icmp_msgs_burst=10000", "net.ipv4.ip_forward=1", "net.ipv6.conf.all.forwarding=1");
                for (var k = 1; k <= Links; k++)
                {
                    // Links left of this namespace go via its left neighbour, links right of it via its right neighbour.
                    if (k < i)
                    {
                        _chain[i].Ip($"route add 198.18.{k}.0/24 via 198.18.{i}.1");
                        _chain[i].Ip($"-6 route add 2001:db8:{k}::/64 via 2001:db8:{i}::1");
                    }
                    else if (k > i + 1)
                    {
                        _chain[i].Ip($"route add 198.18.{k}.0/24 via 198.18.{i + 1}.2");
                        _chain[i].Ip($"-6 route add 2001:db8:{k}::/64 via 2001:db8:{i + 1}::2");
                    }
                }
            }

            Sysctl(_chain[Links], $"net.core.somaxconn={Backlog}");
            _listener = NetworkNamespace.Run(_chain[Links].Name, Listen);

            // Neighbour discovery on a fresh IPv6 chain loses the first rounds (ping is not installed everywhere, so a
            // short trace warms it up); the tests measure the path, not its warm-up.
            foreach (var target in new[] { TargetV4, TargetV6 })
            {
                NetLensRunner.Run("--netns", Source.Name, "trace", "-n", target, "--count", "3", "--interval", "0", "--timeout", "1");
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public LabNamespace Source => _chain[0];

    /// <summary>Router n (1..3), the hop at TTL n.</summary>
    public LabNamespace Router(int n) => _chain[n];

    public static string TargetV4 => $"198.18.{Links}.2";

    public static string TargetV6 => $"2001:db8:{Links}::2";

    /// <summary>What answers at TTL n: the router's address on the link toward the source.</summary>
    public static string HopV4(int ttl) => $"198.18.{ttl}.2";

    public static string HopV6(int ttl) => $"2001:db8:{ttl}::2";

    /// <summary>The hop addresses of a whole trace to <paramref name="target"/>, the target last.</summary>
    public static string[] Path(string target)
    {
        var ipv6 = target.Contains(':', StringComparison.Ordinal);
        Func<int, string> hop = ipv6 ? HopV6 : HopV4;
        return [.. Enumerable.Range(1, Links - 1).Select(hop), target];
    }

    /// <summary>Runs a program in the source namespace as nobody (setpriv drops root after entering the namespace).</summary>
    public CommandResult AsNobody(string program, params string[] arguments) =>
        Source.Exec("setpriv", ["--reuid", "65534", "--regid", "65534", "--clear-groups", program, .. arguments]);

    /// <summary>Opens or closes ICMP datagram sockets to every group in the source namespace (ping_group_range is per namespace).</summary>
    public void AllowIcmpDatagramSockets(bool allow) => Sysctl(Source, $"net.ipv4.ping_group_range={(allow ? "0 2147483647" : "1 0")}");

    public void Dispose()
    {
        _listener?.Dispose();
        foreach (var ns in _chain)
        {
            ns.Dispose();
        }

        _chain.Clear();
    }

    /// <summary>Connections a trace makes stay in the accept queue, reset: nothing needs to accept them.</summary>
    private static Socket Listen()
    {
        var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = true };
        socket.Bind(new IPEndPoint(IPAddress.IPv6Any, OpenPort));
        socket.Listen(Backlog);
        return socket;
    }

    private static void Sysctl(LabNamespace ns, params string[] settings)
    {
        var result = ns.Exec("sysctl", ["-q", "-w", .. settings]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"sysctl in {ns.Name} failed: {result.Stderr}");
        }
    }
}
