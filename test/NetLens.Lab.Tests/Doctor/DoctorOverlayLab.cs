using NetLens.Linux.Namespaces;
using NetLens.Linux.PortTest;

namespace NetLens.Lab.Tests.Doctor;

/// <summary>
/// doctor's overlay lab: two namespaces joined by veth (underlay 198.18.70.0/24), a vxlan on each (VNI 42, UDP 8472)
/// carrying the overlay 198.18.71.0/24, and a listener on the far overlay address. One fault is added per test.
/// </summary>
public sealed class DoctorOverlayLab : IDisposable
{
    public const string LocalUnderlay = "198.18.70.1";
    public const string RemoteUnderlay = "198.18.70.2";
    public const string FarOverlay = "198.18.71.2";
    public const int Port = 8080;
    public const int VxlanPort = 8472;

    private readonly List<LabNamespace> _namespaces = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly PortListener? _listener;
    private readonly Task? _listening;

    public DoctorOverlayLab()
    {
        try
        {
            Near = Add(LabNamespace.Create("ova"));
            Far = Add(LabNamespace.Create("ovb"));
            VethLink.Connect(Near, "ou0", Far, "ou1");
            foreach (var (ns, device, local, remote, overlay) in new[]
                     {
                         (Near, "ou0", LocalUnderlay, RemoteUnderlay, "198.18.71.1"),
                         (Far, "ou1", RemoteUnderlay, LocalUnderlay, FarOverlay),
                     })
            {
                ns.Ip($"addr add {local}/24 dev {device}");
                ns.Ip($"link add vxlan42 type vxlan id 42 remote {remote} local {local} dstport {VxlanPort} dev {device}");
                ns.Ip($"addr add {overlay}/24 dev vxlan42");
                ns.Ip("link set vxlan42 up");
            }

            _listener = PortListener.Bind(Port, tcp: true, udp: false, NetworkContext.For(Far.Name));
            _listening = _listener.RunAsync(null, _ => { }, _stop.Token);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The host doctor runs on: 198.18.70.1 under, 198.18.71.1 over.</summary>
    public LabNamespace Near { get; } = null!;

    /// <summary>The far side: 198.18.70.2 under, 198.18.71.2 over, listening on 8080/tcp.</summary>
    public LabNamespace Far { get; } = null!;

    public NetLensRun Doctor(params string[] more) =>
        NetLensRunner.Run(["--netns", Near.Name, "--json", "doctor", $"{FarOverlay}:{Port}", "--timeout", "1", .. more]);

    public NetLensRun DoctorWithPeer(params string[] more) => Doctor(["--peer-netns", Far.Name, .. more]);

    public void Dispose()
    {
        _stop.Cancel();
        _listening?.Wait(TimeSpan.FromSeconds(10));
        _listener?.Dispose();
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
}
