namespace NetLens.Lab.Tests.Routing;

/// <summary>
/// One namespace with every kind of route the classic tools print: connected, gateways, ECMP with weights,
/// unreachable/blackhole/prohibit/throw, metrics, protocols, mtu locks, extra tables, policy rules (fwmark,
/// from, uidrange, not), IPv4 and IPv6. Shared by the tests of a class; torn down even when they fail.
/// </summary>
public sealed class RoutingLab : IDisposable
{
    public RoutingLab()
    {
        if (!LabPrivileges.IsRoot)
        {
            return;
        }

        Namespace = LabNamespace.Create("routes");
        try
        {
            Build(Namespace);
        }
        catch
        {
            Namespace.Dispose();
            throw;
        }
    }

    /// <summary>Null when not root (the tests skip).</summary>
    public LabNamespace? Namespace { get; }

    public LabNamespace Ns => Namespace ?? throw new InvalidOperationException(LabPrivileges.SkipReason);

    public void Dispose() => Namespace?.Dispose();

    private static void Build(LabNamespace ns)
    {
        // veth pairs with both ends here: the lab needs interfaces, not a far side, to hold routes.
        ns.Ip("link add lab0 type veth peer name lab0p");
        ns.Ip("link add lab1 type veth peer name lab1p");
        ns.Ip("link add br-4433db5330c8 type bridge");
        ns.Ip("link add wg0x type veth peer name wg0xp");
        foreach (var dev in new[] { "lab0", "lab0p", "lab1", "lab1p", "br-4433db5330c8", "wg0x", "wg0xp" })
        {
            ns.Ip($"link set {dev} up");
        }

        var result = ns.IpBatch(
        [
            "addr add 198.18.0.1/24 dev lab0",
            "addr add 198.18.1.1/24 dev lab1",
            "addr add 198.18.2.1/24 dev lab1",
            "addr add 198.19.17.1/16 dev br-4433db5330c8",
            "addr add 198.18.200.1/30 dev wg0x",
            "addr add 2001:db8::1/64 dev lab0 nodad",
            "addr add 2001:db8:1::1/64 dev lab1 nodad",
            "route add default via 198.18.0.254 dev lab0 proto static",
            "route add 198.18.10.0/24 via 198.18.1.254 metric 100 proto static",
            "route add 198.18.10.0/24 via 198.18.0.254 metric 200",
            "route add 198.18.11.0/24 nexthop via 198.18.0.253 weight 1 nexthop via 198.18.1.253 weight 3",
            "route add 198.18.12.0/24 via 198.18.0.2 proto dhcp src 198.18.0.1 metric 1024",
            "route add 198.18.13.0/24 dev lab1 scope link proto kernel",
            "route add 198.18.14.5 via 198.18.1.2 proto bird",
            "route add 198.18.15.0/24 via 198.18.1.2 mtu lock 1400 advmss 1360",
            "route add unreachable 198.18.20.0/24",
            "route add blackhole 198.18.21.0/24",
            "route add prohibit 198.18.22.0/24 metric 5",
            "route add throw 198.18.23.0/24",
            "route add 198.18.24.0/24 via 198.18.1.3 onlink dev lab1",
            "route add 198.18.25.0/24 via 198.18.0.4 proto 99",
            "route add 198.18.64.0/18 dev wg0x",
            "route add 198.18.96.0/20 via 198.18.1.5 tos 0x10",
            "route add 198.19.0.0/16 via 198.18.0.77 table 100",
            "route add default via 198.18.1.254 table 100",
            "route add 198.18.30.0/24 via 198.18.1.9 table 200 proto static",
            "route add default dev wg0x table 51820",
            "rule add fwmark 0x10 lookup 100 priority 100",
            "rule add from 198.18.2.1 lookup 200 priority 200",
            "rule add uidrange 1000-1999 lookup 100 priority 300",
            "rule add lookup main suppress_prefixlength 0 priority 31999",
            "rule add not fwmark 0xca6c lookup 51820 priority 32000",
            "rule add fwmark 0x66 prohibit priority 50",
            "route add default via 2001:db8::fe dev lab0 metric 1024 pref high",
            "route add 2001:db8:10::/48 via 2001:db8:1::fe metric 100 proto static",
            "route add 2001:db8:11::/48 nexthop via 2001:db8::fd dev lab0 weight 2 nexthop via 2001:db8:1::fd dev lab1",
            "route add unreachable 2001:db8:20::/48",
            "route add blackhole 2001:db8:21::/48",
            "route add prohibit 2001:db8:22::/48",
            "route add 2001:db8:30::/48 via 2001:db8::fe table 100",
        ], force: false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"lab build failed: {result.Stderr}");
        }

        // Forwarding on, so lookups with --iif (a packet arriving from outside) have an answer.
        Shell.Check("ip", ["netns", "exec", ns.Name, "sysctl", "-qw", "net.ipv4.ip_forward=1", "net.ipv6.conf.all.forwarding=1"]);

        // ip -batch lines cannot carry -6, and a rule has no address to tell the family by.
        ns.Ip("-6 rule add fwmark 0x10 lookup 100 priority 100");
        WaitUntilSettled(ns);
    }

    /// <summary>
    /// Link-local addresses finish duplicate address detection a second or so after the links come up, and each then
    /// brings its own routes (local, and with forwarding on an anycast one): the tests compare two reads of the
    /// tables, so the lab is handed out only once no address is tentative and the IPv6 tables read the same twice.
    /// </summary>
    private static void WaitUntilSettled(LabNamespace ns)
    {
        var previous = string.Empty;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var routes = ns.Ip("-6 route show table all");
            if (ns.Ip("-6 addr show tentative").Trim().Length == 0 && routes == previous)
            {
                return;
            }

            previous = routes;
            using var pause = new ManualResetEventSlim();
            pause.Wait(100);
        }

        throw new InvalidOperationException("the lab's IPv6 addresses and routes did not settle within 10 s");
    }
}
