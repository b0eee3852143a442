using NetLens.Linux.Namespaces;
using NetLens.Linux.PortTest;

namespace NetLens.Lab.Tests.Port;

/// <summary>
/// A server namespace with two clients, each on its own veth: client A (198.18.90.2, 2001:db8:90::2) arrives on nls0,
/// client B (198.18.91.2, 2001:db8:91::2) on nls1; with <c>container</c>, a third namespace behind dk0 (198.19.0.2)
/// that the server forwards to, as docker's bridge does.
/// </summary>
public sealed class CheckLab : IDisposable
{
    private readonly List<LabNamespace> _namespaces = [];
    private readonly List<(PortListener Listener, Task Running)> _listeners = [];
    private readonly CancellationTokenSource _stop = new();

    public CheckLab(bool container = false)
    {
        try
        {
            Server = Add(LabNamespace.Create("srv"));
            ClientA = Add(LabNamespace.Create("cla"));
            ClientB = Add(LabNamespace.Create("clb"));
            Wire(ClientA, "nlc0", "nls0", 90);
            Wire(ClientB, "nlc1", "nls1", 91);
            if (container)
            {
                Container = Add(LabNamespace.Create("ctr"));
                VethLink.Connect(Server, "dk0", Container, "eth0");
                Server.Ip("addr add 198.19.0.1/24 dev dk0");
                Container.Ip("addr add 198.19.0.2/24 dev eth0");
                Container.Ip("route add default via 198.19.0.1");
                Check(Server.Exec("sysctl", "-qw", "net.ipv4.ip_forward=1"));
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public LabNamespace Server { get; } = null!;

    public LabNamespace ClientA { get; } = null!;

    public LabNamespace ClientB { get; } = null!;

    public LabNamespace? Container { get; }

    /// <summary>The client namespace, its address, the server's address on its link and the server's device for it.</summary>
    public (LabNamespace Client, string From, string To, string Iif) Side(string client, int family)
    {
        var (ns, subnet, dev) = client == "A" ? (ClientA, 90, "nls0") : (ClientB, 91, "nls1");
        return family == 6
            ? (ns, $"2001:db8:{subnet}::2", $"2001:db8:{subnet}::1", dev)
            : (ns, $"198.18.{subnet}.2", $"198.18.{subnet}.1", dev);
    }

    /// <summary>Loads a ruleset into the server with the backend's own loader (nft -f, iptables-restore…).</summary>
    public void Load(string loader, string ruleset) =>
        Check(Shell.Run("ip", ["netns", "exec", Server.Name, loader, .. loader == "nft" ? new[] { "-f", "-" } : []], ruleset + "\n"), ruleset);

    /// <summary>Listens (TCP and UDP) on each port inside <paramref name="where"/>, answering as `port listen` does.</summary>
    public void Listen(LabNamespace where, IEnumerable<int> ports)
    {
        foreach (var port in ports.Distinct())
        {
            var listener = PortListener.Bind(port, tcp: true, udp: true, NetworkContext.For(where.Name));
            _listeners.Add((listener, listener.RunAsync(null, _ => { }, _stop.Token)));
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        foreach (var (listener, running) in _listeners)
        {
            running.Wait(TimeSpan.FromSeconds(10));
            listener.Dispose();
        }

        foreach (var ns in _namespaces)
        {
            ns.Dispose();
        }

        _stop.Dispose();
    }

    private LabNamespace Add(LabNamespace ns)
    {
        _namespaces.Add(ns);
        return ns;
    }

    private void Wire(LabNamespace client, string clientDev, string serverDev, int subnet)
    {
        VethLink.Connect(Server, serverDev, client, clientDev);
        Server.Ip($"addr add 198.18.{subnet}.1/24 dev {serverDev}");
        Server.Ip($"addr add 2001:db8:{subnet}::1/64 dev {serverDev} nodad");
        client.Ip($"addr add 198.18.{subnet}.2/24 dev {clientDev}");
        client.Ip($"addr add 2001:db8:{subnet}::2/64 dev {clientDev} nodad");
    }

    private static void Check(CommandResult result, string? input = null)
    {
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"lab setup failed: {result.Stderr.Trim()}{(input is null ? string.Empty : "\n" + input)}");
        }
    }
}
