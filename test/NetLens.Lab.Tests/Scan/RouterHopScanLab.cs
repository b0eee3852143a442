using System.Net;
using System.Net.Sockets;
using NetLens.Linux.Namespaces;

namespace NetLens.Lab.Tests.Scan;

/// <summary>
/// A target one router hop away, so its replies arrive with TTL 63 (Linux sends with 64, the router takes one): the
/// scanner on 198.18.44.1, a router between 198.18.44.0/24 and 198.18.45.0/24, and the target namespace holding
/// 198.18.45.2 (a listener on 22, every other port closed) and 198.18.45.3 (all TCP and UDP to it silently dropped, so a
/// scan of it takes long).
/// </summary>
public sealed class RouterHopScanLab : IDisposable
{
    public static readonly IPAddress Fast = IPAddress.Parse("198.18.45.2");
    public static readonly IPAddress Silent = IPAddress.Parse("198.18.45.3");
    public const int OpenPort = 22;

    /// <summary>The TTL the target's replies have left when they reach the scanner.</summary>
    public const int ReplyTtl = 63;

    private readonly LabNamespace? _scanner;
    private readonly LabNamespace? _router;
    private readonly LabNamespace? _target;
    private Socket? _listener;

    public RouterHopScanLab()
    {
        if (!LabPrivileges.IsRoot)
        {
            return;
        }

        try
        {
            _scanner = LabNamespace.Create("hopscan");
            _router = LabNamespace.Create("hoprouter");
            _target = LabNamespace.Create("hoptarget");
            VethLink.Connect(_scanner, "s0", _router, "r0");
            VethLink.Connect(_router, "r1", _target, "t0");
            _scanner.Ip("addr add 198.18.44.1/24 dev s0");
            _router.Ip("addr add 198.18.44.2/24 dev r0");
            _router.Ip("addr add 198.18.45.1/24 dev r1");
            _target.Ip($"addr add {Fast}/24 dev t0");
            _target.Ip($"addr add {Silent}/32 dev lo");
            _scanner.Ip("route add 198.18.45.0/24 via 198.18.44.2");
            _target.Ip("route add 198.18.44.0/24 via 198.18.45.1");
            Check(_router.Exec("sysctl", "-qw", "net.ipv4.ip_forward=1"));

            // the kernel's ICMP rate limit (a burst of 6 per peer) would slow the fast host's port unreachables from one scan to the next
            Check(_target.Exec("sysctl", "-qw", "net.ipv4.icmp_ratelimit=0"));
            var rules = $"table inet lab {{\n chain in {{\n  type filter hook input priority 0;\n  ip daddr {Silent} meta l4proto {{ tcp, udp }} drop\n }}\n}}\n";
            Check(Shell.Run("ip", ["netns", "exec", _target.Name, "nft", "-f", "-"], rules));
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

    public CommandResult ExecInScanner(string file, params string[] arguments) => _scanner!.Exec(file, arguments);

    public void Dispose()
    {
        _listener?.Dispose();
        _scanner?.Dispose();
        _router?.Dispose();
        _target?.Dispose();
    }

    private static void Check(CommandResult result)
    {
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"lab setup failed: {result.Stderr}");
        }
    }

    private int Listen()
    {
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Any, OpenPort));
        _listener.Listen(16);
        return 1;
    }
}
