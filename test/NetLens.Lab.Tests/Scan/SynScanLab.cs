using System.Net;
using System.Net.Sockets;
using NetLens.Linux.Namespaces;

namespace NetLens.Lab.Tests.Scan;

/// <summary>
/// The sheet's host across a real wire: a scanner namespace joined by veth to a target on 198.18.7.2 and 2001:db8:7::2
/// with listeners on a few ports (open), a few more let through with nothing listening (closed: the kernel answers RST)
/// and every other TCP port silently dropped by nft (filtered). Behind the target sit three live addresses of the block
/// 198.18.8.16/28 (and 2001:db8:8::/124); the rest of both blocks is routed to it and answered by nobody.
/// </summary>
public class SynScanLab : IDisposable
{
    public static readonly IPAddress Target = IPAddress.Parse("198.18.7.2");
    public static readonly IPAddress Target6 = IPAddress.Parse("2001:db8:7::2");
    public static readonly int[] OpenPorts = [22, 80, 8080];
    public static readonly int[] ClosedPorts = [113, 443, 2000, 5060];

    public const string Block = "198.18.8.16/28";
    public const string Block6 = "2001:db8:8::/124";
    public static readonly IPAddress[] LiveInBlock = [.. new[] { "198.18.8.18", "198.18.8.21", "198.18.8.29" }.Select(IPAddress.Parse)];
    public static readonly IPAddress[] LiveInBlock6 = [.. new[] { "2001:db8:8::2", "2001:db8:8::5", "2001:db8:8::d" }.Select(IPAddress.Parse)];

    private readonly List<Socket> _listeners = [];
    private readonly LabNamespace? _scanner;
    private readonly LabNamespace? _target;

    public SynScanLab()
        : this(lossPercent: 0)
    {
    }

    /// <summary>With <paramref name="lossPercent"/> (a divisor of 100) of TCP packets dropped at random on the target, each way.</summary>
    protected SynScanLab(int lossPercent)
    {
        if (!LabPrivileges.IsRoot)
        {
            return;
        }

        try
        {
            _scanner = LabNamespace.Create("synscan");
            _target = LabNamespace.Create("syntarget");
            VethLink.Connect(_scanner, "s0", _target, "t0");
            _scanner.Ip("addr add 198.18.7.1/24 dev s0");
            _scanner.Ip("addr add 2001:db8:7::1/64 dev s0 nodad");
            _target.Ip($"addr add {Target}/24 dev t0");
            _target.Ip($"addr add {Target6}/64 dev t0 nodad");
            _scanner.Ip($"route add {Block} via {Target}");
            _scanner.Ip($"route add {Block6} via {Target6}");
            foreach (var live in LiveInBlock.Concat(LiveInBlock6))
            {
                _target.Ip($"addr add {live}/{(live.AddressFamily == AddressFamily.InterNetwork ? 32 : 128)} dev lo nodad");
            }

            var loss = lossPercent > 0 ? $"  meta l4proto tcp numgen random mod {100 / lossPercent} == 0 drop\n" : string.Empty;
            var allowed = string.Join(", ", OpenPorts.Concat(ClosedPorts));
            var rules = $"table inet lab {{\n chain in {{\n  type filter hook input priority 0;\n{loss}  tcp dport {{ {allowed} }} accept\n  meta l4proto tcp drop\n }}\n chain out {{\n  type filter hook output priority 0;\n{loss} }}\n}}\n";
            var nft = Shell.Run("ip", ["netns", "exec", _target.Name, "nft", "-f", "-"], rules);
            if (nft.ExitCode != 0)
            {
                throw new InvalidOperationException($"lab setup failed: {nft.Stderr}");
            }

            NetworkNamespace.Run(_target.Name, Listen);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The namespace netlens and nmap scan from.</summary>
    public string Scanner => _scanner?.Name ?? throw new InvalidOperationException("no lab without root");

    /// <summary>What each port of <paramref name="ports"/> must be, as set up above, with the reason a SYN scan gives.</summary>
    public static Dictionary<int, (string State, string Reason)> Truth(IEnumerable<int> ports) => ports.ToDictionary(
        port => port,
        port => OpenPorts.Contains(port) ? ("open", "syn-ack") : ClosedPorts.Contains(port) ? ("closed", "reset") : ("filtered", "no-response"));

    public CommandResult ExecInScanner(string file, params string[] arguments) => _scanner!.Exec(file, arguments);

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

        _scanner?.Dispose();
        _target?.Dispose();
    }

    /// <summary>Dual-stack listeners: the kernel answers SYNs from the backlog, no accept() needed.</summary>
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
}

/// <summary>The same host with 20% of TCP packets dropped at random each way on the target (36% of probes go unanswered).</summary>
public sealed class LossySynScanLab() : SynScanLab(lossPercent: 20);
