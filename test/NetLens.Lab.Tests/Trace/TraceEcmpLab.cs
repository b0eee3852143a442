namespace NetLens.Lab.Tests.Trace;

/// <summary>
/// Two equal-cost paths: source — r1 — (ra | rb) — target. r1 spreads flows over ra and rb by a hash of the five-tuple
/// (fib_multipath_hash_policy=1), so probes of one flow always meet the same router at TTL 2 and different flows may
/// meet either. Links: source–r1 198.18.11.0/24, r1–ra 198.18.12.0/24, r1–rb 198.18.13.0/24, ra–target 198.18.14.0/24,
/// rb–target 198.18.15.0/24; the target answers on 198.18.16.1.
/// </summary>
public sealed class TraceEcmpLab : IDisposable
{
    public const string Target = "198.18.16.1";
    public const string RouterA = "198.18.12.2";
    public const string RouterB = "198.18.13.2";
    private readonly List<LabNamespace> _namespaces = [];

    public TraceEcmpLab()
    {
        if (!LabPrivileges.IsRoot)
        {
            return;
        }

        try
        {
            foreach (var role in new[] { "esrc", "eone", "ea", "eb", "edst" })
            {
                _namespaces.Add(LabNamespace.Create(role));
            }

            var (source, r1, ra, rb, target) = (_namespaces[0], _namespaces[1], _namespaces[2], _namespaces[3], _namespaces[4]);
            Link(source, r1, 11);
            Link(r1, ra, 12);
            Link(r1, rb, 13);
            Link(ra, target, 14);
            Link(rb, target, 15);
            target.Ip($"addr add {Target}/32 dev lo");
            foreach (var ns in _namespaces)
            {
                var settings = ns.Exec("sysctl", "-q", "-w", "net.ipv4.ip_forward=1", "net.ipv4.icmp_ratelimit=0", "net.ipv4.icmp_msgs_per_sec=100000", "net.ipv4.icmp_msgs_burst=10000", "net.ipv4.fib_multipath_hash_policy=1");
                if (settings.ExitCode != 0)
                {
                    throw new InvalidOperationException($"sysctl in {ns.Name} failed: {settings.Stderr}");
                }
            }

            source.Ip("route add 198.18.0.0/15 via 198.18.11.2");
            r1.Ip($"route add {Target}/32 nexthop via 198.18.12.2 nexthop via 198.18.13.2");
            ra.Ip($"route add {Target}/32 via 198.18.14.2");
            ra.Ip("route add 198.18.11.0/24 via 198.18.12.1");
            rb.Ip($"route add {Target}/32 via 198.18.15.2");
            rb.Ip("route add 198.18.11.0/24 via 198.18.13.1");
            target.Ip("route add 198.18.11.0/24 via 198.18.14.1");
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

    /// <summary>Joins two namespaces on 198.18.<paramref name="net"/>.0/24, .1 on the left, .2 on the right.</summary>
    private static void Link(LabNamespace left, LabNamespace right, int net)
    {
        VethLink.Connect(left, $"to{net}", right, $"from{net}");
        left.Ip($"addr add 198.18.{net}.1/24 dev to{net}");
        right.Ip($"addr add 198.18.{net}.2/24 dev from{net}");
    }
}
