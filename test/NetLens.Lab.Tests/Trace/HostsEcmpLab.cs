namespace NetLens.Lab.Tests.Trace;

/// <summary>
/// source — r1 — {ra | rb} — target: r1 sends each packet toward the target through ra or rb at random (an iptables
/// <c>statistic</c> mark picks a policy-routing table per packet), so hop 2 is answered by two routers, about half each.
/// Links: source–r1 198.18.1.0/24, r1–ra 198.18.2.0/24, r1–rb 198.18.3.0/24, ra–target 198.18.4.0/24, rb–target 198.18.5.0/24;
/// the target answers on 198.18.9.9 (its loopback), .1 on the left end of each link, .2 on the right.
/// </summary>
public sealed class HostsEcmpLab : IDisposable
{
    public const string Target = "198.18.9.9";
    public const string RouterA = "198.18.2.2";
    public const string RouterB = "198.18.3.2";
    public const string Hop1 = "198.18.1.2";

    private readonly List<LabNamespace> _namespaces = [];

    public HostsEcmpLab()
    {
        if (!LabPrivileges.IsRoot)
        {
            return;
        }

        try
        {
            foreach (var role in new[] { "src", "r1", "ra", "rb", "dst" })
            {
                _namespaces.Add(LabNamespace.Create(role));
            }

            var (source, r1, ra, rb, target) = (_namespaces[0], _namespaces[1], _namespaces[2], _namespaces[3], _namespaces[4]);
            Link(source, "e1", "198.18.1.1", r1, "w1", "198.18.1.2");
            Link(r1, "ea", "198.18.2.1", ra, "wa", RouterA);
            Link(r1, "eb", "198.18.3.1", rb, "wb", RouterB);
            Link(ra, "ea", "198.18.4.1", target, "wa", "198.18.4.2");
            Link(rb, "eb", "198.18.5.1", target, "wb", "198.18.5.2");
            target.Ip($"addr add {Target}/32 dev lo");

            foreach (var ns in _namespaces)
            {
                // No ICMP rate limits (the lab measures shares, not limits); no reverse-path filter (replies come back either way).
                Sysctl(ns, "net.ipv4.ip_forward=1", "net.ipv4.icmp_ratelimit=0", "net.ipv4.icmp_msgs_per_sec=100000", "net.ipv4.icmp_msgs_burst=10000", "net.ipv4.conf.all.rp_filter=0", "net.ipv4.conf.default.rp_filter=0");
            }

            source.Ip("route add default via 198.18.1.2");
            r1.Ip($"route add {Target}/32 via {RouterA}");
            r1.Ip($"route add {Target}/32 via {RouterB} table 100");
            r1.Ip("rule add fwmark 1 table 100");
            r1.Ip($"route add 198.18.4.0/24 via {RouterA}");
            r1.Ip($"route add 198.18.5.0/24 via {RouterB}");
            Check(r1.Exec("iptables", "-t", "mangle", "-A", "PREROUTING", "-i", "w1", "-m", "statistic", "--mode", "random", "--probability", "0.5", "-j", "MARK", "--set-mark", "1"));
            ra.Ip($"route add {Target}/32 via 198.18.4.2");
            ra.Ip("route add default via 198.18.2.1");
            rb.Ip($"route add {Target}/32 via 198.18.5.2");
            rb.Ip("route add default via 198.18.3.1");
            target.Ip("route add default via 198.18.4.1");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public LabNamespace Source => _namespaces[0];

    public void Dispose()
    {
        foreach (var ns in _namespaces)
        {
            ns.Dispose();
        }

        _namespaces.Clear();
    }

    private static void Link(LabNamespace left, string leftName, string leftAddress, LabNamespace right, string rightName, string rightAddress)
    {
        VethLink.Connect(left, leftName, right, rightName);
        left.Ip($"addr add {leftAddress}/24 dev {leftName}");
        right.Ip($"addr add {rightAddress}/24 dev {rightName}");
    }

    private static void Sysctl(LabNamespace ns, params string[] settings) => Check(ns.Exec("sysctl", ["-q", "-w", .. settings]));

    private static void Check(CommandResult result)
    {
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"lab setup failed: {result.Stderr}");
        }
    }
}
