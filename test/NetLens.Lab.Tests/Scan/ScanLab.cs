using System.Net;
using System.Net.Sockets;
using NetLens.Core.Scanning;
using NetLens.Linux.Namespaces;

namespace NetLens.Lab.Tests.Scan;

/// <summary>
/// A host set up like the sheet's example, in a namespace of its own on 198.18.4.1 and 2001:db8::4: listeners on a few
/// ports (open), nft DROP on others (filtered), a REJECT with tcp reset (closed) and nothing elsewhere (closed).
/// </summary>
public class ScanLab : IDisposable
{
    public const string Ports = "1-1024,8080-8090";
    public static readonly IPAddress Address = IPAddress.Parse("198.18.4.1");
    public static readonly IPAddress Address6 = IPAddress.Parse("2001:db8::4");
    public static readonly int[] OpenPorts = [22, 80, 8080];

    /// <summary>Dropped by nft: 443 (so discovery rests on 80 alone), 8081, and a block large enough to be summed up.</summary>
    public static readonly int[] DroppedPorts = [443, 8081, .. Enumerable.Range(600, 30)];
    public const int RejectedPort = 8082;

    private readonly List<Socket> _listeners = [];
    private readonly LabNamespace? _ns;

    public ScanLab()
        : this(lossPercent: 0)
    {
    }

    /// <summary>With <paramref name="lossPercent"/> (a divisor of 100) of TCP packets dropped at random, each way.</summary>
    protected ScanLab(int lossPercent)
    {
        if (!LabPrivileges.IsRoot)
        {
            return;
        }

        _ns = LabNamespace.Create("scan");
        try
        {
            _ns.Ip($"addr add {Address}/32 dev lo");
            _ns.Ip($"addr add {Address6}/128 dev lo nodad");
            var dropped = string.Join(", ", DroppedPorts);

            // loopback packets cross the input hook once each way: SYN in, then SYN-ACK or RST back
            var loss = lossPercent > 0 ? $"  meta l4proto tcp numgen random mod {100 / lossPercent} == 0 drop\n" : string.Empty;
            Check(Shell.Run("ip", ["netns", "exec", _ns.Name, "nft", "-f", "-"], $"table inet lab {{\n chain in {{\n  type filter hook input priority 0;\n{loss}  tcp dport {{ {dropped} }} drop\n  tcp dport {RejectedPort} reject with tcp reset\n }}\n}}\n"));
            NetworkNamespace.Run(_ns.Name, Listen);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string Name => _ns?.Name ?? throw new InvalidOperationException("no lab without root");

    /// <summary>What each scanned port must be, as set up above.</summary>
    public static IReadOnlyDictionary<int, (PortState State, PortReason Reason)> Truth()
    {
        var truth = new Dictionary<int, (PortState, PortReason)>();
        foreach (var port in PortSpecParser.Parse(Ports))
        {
            truth[port] = OpenPorts.Contains(port) ? (PortState.Open, PortReason.SynAck)
                : DroppedPorts.Contains(port) ? (PortState.Filtered, PortReason.NoResponse)
                : (PortState.Closed, PortReason.ConnRefused);
        }

        return truth;
    }

    public CommandResult Exec(string file, params string[] arguments) => _ns!.Exec(file, arguments);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        foreach (var listener in _listeners)
        {
            listener.Dispose();
        }

        _ns?.Dispose();
    }

    /// <summary>Dual-stack listeners: the kernel completes handshakes into the backlog, no accept() needed.</summary>
    private int Listen()
    {
        foreach (var port in OpenPorts)
        {
            var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = true };
            socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
            socket.Listen(512);
            _listeners.Add(socket);
        }

        return _listeners.Count;
    }

    private static void Check(CommandResult result)
    {
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"lab setup failed: {result.Stderr}");
        }
    }
}
