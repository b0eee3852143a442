using NetLens.Linux.Namespaces;
using NetLens.Linux.PortTest;

namespace NetLens.Lab.Tests.Doctor;

/// <summary>
/// doctor's lab: a client (198.18.60.2) behind a router (198.18.60.1 | 198.18.61.1) in front of a server
/// (198.18.61.2), each default-routed through the router, which forwards. One fault is added per test.
/// </summary>
public sealed class DoctorLab : IDisposable
{
    public const string ClientAddress = "198.18.60.2";
    public const string ServerAddress = "198.18.61.2";
    public const int Port = 8080;

    private readonly List<LabNamespace> _namespaces = [];
    private readonly List<(PortListener Listener, Task Running)> _listeners = [];
    private readonly CancellationTokenSource _stop = new();

    public DoctorLab(bool listen = true)
    {
        try
        {
            Client = Add(LabNamespace.Create("dcl"));
            Router = Add(LabNamespace.Create("drt"));
            Server = Add(LabNamespace.Create("dsv"));
            VethLink.Connect(Client, "dc0", Router, "dr0");
            VethLink.Connect(Router, "dr1", Server, "ds0");
            Client.Ip($"addr add {ClientAddress}/24 dev dc0");
            Router.Ip("addr add 198.18.60.1/24 dev dr0");
            Router.Ip("addr add 198.18.61.1/24 dev dr1");
            Server.Ip($"addr add {ServerAddress}/24 dev ds0");
            Client.Ip("route add default via 198.18.60.1");
            Server.Ip("route add default via 198.18.61.1");
            Check(Router.Exec("sysctl", "-qw", "net.ipv4.ip_forward=1"));
            if (listen)
            {
                Listen(Server, Port);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public LabNamespace Client { get; } = null!;

    public LabNamespace Router { get; } = null!;

    public LabNamespace Server { get; } = null!;

    /// <summary>Listens (TCP and UDP) on the port inside <paramref name="where"/>, answering as `port listen` does.</summary>
    public void Listen(LabNamespace where, int port)
    {
        var listener = PortListener.Bind(port, tcp: true, udp: true, NetworkContext.For(where.Name));
        _listeners.Add((listener, listener.RunAsync(null, _ => { }, _stop.Token)));
    }

    /// <summary>Loads an nft ruleset into a namespace.</summary>
    public static void Nft(LabNamespace where, string ruleset) =>
        Check(Shell.Run("ip", ["netns", "exec", where.Name, "nft", "-f", "-"], ruleset + "\n"));

    /// <summary>doctor from the client, with the server as the far side unless told otherwise.</summary>
    public NetLensRun Doctor(string destination, params string[] more) =>
        NetLensRunner.Run(["--netns", Client.Name, "--json", "doctor", destination, .. more]);

    public NetLensRun DoctorWithPeer(string destination, params string[] more) =>
        Doctor(destination, ["--peer-netns", Server.Name, .. more]);

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

    public static void Check(CommandResult result)
    {
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"lab setup failed: {result.Stderr.Trim()}");
        }
    }

    private LabNamespace Add(LabNamespace ns)
    {
        _namespaces.Add(ns);
        return ns;
    }
}
