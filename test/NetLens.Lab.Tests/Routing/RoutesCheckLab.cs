using System.Diagnostics;

namespace NetLens.Lab.Tests.Routing;

/// <summary>
/// Namespaces for `routes --check`: "check" holds one of every situation it reports (a docker-like bridge inside a company
/// route, wg-quick's table 51820 and its two rules, a fwmark rule to a table with a default, a table no rule uses, two
/// defaults with one metric, a gateway left off-link, a link without carrier) next to things that are fine (ECMP, an onlink
/// gateway, a bridge whose only port has no carrier); "split" holds a VPN's 0.0.0.0/1 + 128.0.0.0/1; "clean" only connected routes and one default.
/// </summary>
public sealed class RoutesCheckLab : IDisposable
{
    public const string Bridge = "br-4433db5330c8";

    private readonly List<LabNamespace> _namespaces = [];

    public RoutesCheckLab()
    {
        if (!LabPrivileges.IsRoot)
        {
            return;
        }

        try
        {
            Check = Create("check", BuildCheck);
            Split = Create("split", BuildSplit);
            Clean = Create("clean", BuildClean);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public LabNamespace? Check { get; }

    public LabNamespace? Split { get; }

    public LabNamespace? Clean { get; }

    public void Dispose()
    {
        foreach (var ns in _namespaces)
        {
            ns.Dispose();
        }
    }

    private LabNamespace Create(string role, Action<LabNamespace> build)
    {
        var ns = LabNamespace.Create(role);
        _namespaces.Add(ns);
        build(ns);
        return ns;
    }

    private static void Veth(LabNamespace ns, string name, bool peerUp = true)
    {
        ns.Ip($"link add {name} type veth peer name {name}p");
        ns.Ip($"link set {name} up");
        if (peerUp)
        {
            ns.Ip($"link set {name}p up");
        }
    }

    private static void Batch(LabNamespace ns, params string[] lines)
    {
        var result = ns.IpBatch(lines, force: false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"lab build failed: {result.Stderr}");
        }
    }

    private static void BuildCheck(LabNamespace ns)
    {
        Veth(ns, "lan0");
        Veth(ns, "lan1");
        Veth(ns, "wg0");
        Veth(ns, "lan2", peerUp: false);
        ns.Ip($"link add {Bridge} type bridge");
        ns.Ip($"link set {Bridge} up");
        Batch(
            ns,
            "addr add 198.18.0.10/24 dev lan0",
            "addr add 198.18.1.10/24 dev lan1",
            "addr add 198.18.2.10/24 dev lan1",
            "addr add 198.18.3.10/24 dev lan2",
            "addr add 198.18.200.1/30 dev wg0",
            $"addr add 198.19.17.1/24 dev {Bridge}",
            "route add default via 198.18.0.1 dev lan0 metric 100",
            "route append default via 198.18.0.2 dev lan0 metric 100",
            "route add 198.19.0.0/16 via 198.18.0.1 dev lan0 proto static",
            "route add 198.18.11.0/24 nexthop via 198.18.0.253 dev lan0 weight 1 nexthop via 198.18.1.253 dev lan1 weight 3",
            "route add 198.18.50.0/24 via 198.18.2.5 dev lan1",
            "route add 198.18.52.0/24 via 198.18.9.9 dev lan0 onlink",
            "route add 198.18.60.0/24 via 198.18.3.1 dev lan2",
            "route add default dev wg0 table 51820",
            "route add default via 198.18.1.254 dev lan1 table 100",
            "route add 198.18.30.0/24 via 198.18.1.9 dev lan1 table 200",
            "rule add fwmark 0x10 lookup 100 priority 100",
            "rule add lookup main suppress_prefixlength 0 priority 31999",
            "rule add not fwmark 0xca6c lookup 51820 priority 32000");

        // The gateway's network goes, the route through it stays (lan1 keeps another address, so nothing is flushed).
        ns.Ip("addr del 198.18.2.10/24 dev lan1");

        // A stopped container's port: the bridge loses carrier, as docker0 does when no container runs.
        ns.Ip("link add vb0 type veth peer name vb0p");
        ns.Ip($"link set vb0 master {Bridge}");
        ns.Ip("link set vb0 up");
        WaitFor(() => ns.Ip($"route show dev {Bridge}").Contains("linkdown", StringComparison.Ordinal), "the bridge to lose carrier");
    }

    // Carrier changes reach routes through the kernel's linkwatch work, a moment later.
    private static void WaitFor(Func<bool> condition, string what)
    {
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 5;
        while (!condition())
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new InvalidOperationException($"lab build failed: waited 5 s for {what}");
            }

            Thread.Sleep(20);
        }
    }

    private static void BuildSplit(LabNamespace ns)
    {
        Veth(ns, "lan0");
        Veth(ns, "tun0");
        Batch(
            ns,
            "addr add 198.18.0.10/24 dev lan0",
            "addr add 198.18.201.2/30 dev tun0",
            "route add default via 198.18.0.1 dev lan0 metric 100",
            "route add 0.0.0.0/1 via 198.18.201.1 dev tun0",
            "route add 128.0.0.0/1 via 198.18.201.1 dev tun0");
    }

    private static void BuildClean(LabNamespace ns)
    {
        Veth(ns, "lan0");
        Batch(ns, "addr add 198.18.0.10/24 dev lan0", "route add default via 198.18.0.1 dev lan0 metric 100");
    }
}
