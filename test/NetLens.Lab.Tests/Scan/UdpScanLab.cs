using System.Net;
using System.Net.Sockets;
using NetLens.Core.Scanning;
using NetLens.Linux.Namespaces;

namespace NetLens.Lab.Tests.Scan;

/// <summary>
/// The sheet's host for UDP, behind a veth (loopback would skip the kernel's ICMP rate limit): a DNS-like responder on 53
/// that answers only well-formed DNS queries, a responder on 7 that answers anything, nft dropping 1000-1004, rejecting
/// 1010-1011 with admin-prohibited and 1012 with host-prohibited (addr-unreachable for IPv6), a TCP listener on 22, and
/// nothing elsewhere (port unreachable). The target keeps its kernel's default ICMP rate limit.
/// </summary>
public sealed class UdpScanLab : IDisposable
{
    public const string UdpPorts = "7,20-30,53,1000-1012";
    public static readonly IPAddress Address = IPAddress.Parse("198.18.12.2");
    public static readonly IPAddress Address6 = IPAddress.Parse("2001:db8:12::2");
    public static readonly int[] DroppedPorts = [1000, 1001, 1002, 1003, 1004];
    public const int TcpOpenPort = 22;

    private readonly List<Socket> _sockets = [];
    private readonly List<Task> _responders = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly LabNamespace? _scanner;
    private readonly LabNamespace? _target;

    public UdpScanLab()
    {
        if (!LabPrivileges.IsRoot)
        {
            return;
        }

        _scanner = LabNamespace.Create("udps");
        _target = LabNamespace.Create("udpt");
        try
        {
            VethLink.Connect(_scanner, "nlu0", _target, "nlu1");
            _scanner.Ip("addr add 198.18.12.1/24 dev nlu0");
            _scanner.Ip("addr add 2001:db8:12::1/64 dev nlu0 nodad");
            _target.Ip($"addr add {Address}/24 dev nlu1");
            _target.Ip($"addr add {Address6}/64 dev nlu1 nodad");
            var rules = "table inet lab {\n chain in {\n  type filter hook input priority 0;\n"
                + "  udp dport 1000-1004 drop\n"
                + "  meta nfproto ipv4 udp dport 1010-1011 reject with icmp type admin-prohibited\n"
                + "  meta nfproto ipv6 udp dport 1010-1011 reject with icmpv6 type admin-prohibited\n"
                + "  meta nfproto ipv4 udp dport 1012 reject with icmp type host-prohibited\n"
                + "  meta nfproto ipv6 udp dport 1012 reject with icmpv6 type addr-unreachable\n"
                + " }\n}\n";
            Check(Shell.Run("ip", ["netns", "exec", _target.Name, "nft", "-f", "-"], rules));
            NetworkNamespace.Run(_target.Name, Serve);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Where netlens and nmap run.</summary>
    public string ScannerName => _scanner?.Name ?? throw new InvalidOperationException("no lab without root");

    public string TargetName => _target?.Name ?? throw new InvalidOperationException("no lab without root");

    /// <summary>What each UDP port must be, as set up above.</summary>
    public static IReadOnlyDictionary<int, (PortState State, PortReason Reason)> Truth(bool ipv6)
    {
        var truth = new Dictionary<int, (PortState, PortReason)>();
        foreach (var port in PortSpecParser.Parse(UdpPorts))
        {
            truth[port] = port switch
            {
                7 or 53 => (PortState.Open, PortReason.UdpResponse),
                >= 1000 and <= 1004 => (PortState.OpenFiltered, PortReason.NoResponse),
                1010 or 1011 => (PortState.Filtered, PortReason.AdminProhibited),
                1012 => ipv6 ? (PortState.Filtered, PortReason.HostUnreach) : (PortState.Filtered, PortReason.HostProhibited),
                _ => (PortState.Closed, PortReason.PortUnreach),
            };
        }

        return truth;
    }

    /// <summary>How many ICMPv6 errors the target's rate limit has suppressed so far (Icmp6OutRateLimitHost in /proc/net/snmp6).</summary>
    public long RateLimitedErrors6()
    {
        var line = _target!.Exec("cat", "/proc/net/snmp6").Stdout.Split('\n').FirstOrDefault(l => l.StartsWith("Icmp6OutRateLimitHost", StringComparison.Ordinal));
        return line is null ? -1 : long.Parse(line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>How many ICMP errors the target's rate limit has suppressed so far (Icmp OutRateLimitHost in /proc/net/snmp).</summary>
    public long RateLimitedErrors()
    {
        var snmp = _target!.Exec("cat", "/proc/net/snmp").Stdout.Split('\n').Where(l => l.StartsWith("Icmp:", StringComparison.Ordinal)).ToList();
        var names = snmp[0].Split(' ');
        var values = snmp[1].Split(' ');
        var index = Array.IndexOf(names, "OutRateLimitHost");
        return index < 0 ? -1 : long.Parse(values[index], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Sets the target's ICMP rate limit (ms between errors per destination; 0 lifts it) for IPv4 and IPv6.</summary>
    public void SetRateLimit(int milliseconds)
    {
        Check(_target!.Exec("sysctl", "-q", $"net.ipv4.icmp_ratelimit={milliseconds}", $"net.ipv6.icmp.ratelimit={milliseconds}"));
    }

    public (int V4, int V6) DefaultRateLimit() => (
        int.Parse(_target!.Exec("sysctl", "-n", "net.ipv4.icmp_ratelimit").Stdout.Trim(), System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(_target!.Exec("sysctl", "-n", "net.ipv6.icmp.ratelimit").Stdout.Trim(), System.Globalization.CultureInfo.InvariantCulture));

    public CommandResult ExecInScanner(string file, params string[] arguments) => _scanner!.Exec(file, arguments);

    public void Dispose()
    {
        _stop.Cancel();
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }

        try
        {
            Task.WaitAll([.. _responders], TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
            // the responders end by their socket closing under them
        }

        _stop.Dispose();
        _target?.Dispose();
        _scanner?.Dispose();
    }

    private int Serve()
    {
        _responders.Add(Respond(Udp(53), IsDnsQuery, _stop.Token));
        _responders.Add(Respond(Udp(7), _ => true, _stop.Token));
        var tcp = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = true };
        tcp.Bind(new IPEndPoint(IPAddress.IPv6Any, TcpOpenPort));
        tcp.Listen(16);
        _sockets.Add(tcp);
        return _sockets.Count;
    }

    private Socket Udp(int port)
    {
        var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp) { DualMode = true };
        socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
        _sockets.Add(socket);
        return socket;
    }

    /// <summary>A DNS message header with QR clear: what a DNS server answers (if only with an error code); an empty datagram is not.</summary>
    private static bool IsDnsQuery(byte[] datagram) => datagram.Length >= 12 && (datagram[2] & 0x80) == 0;

    /// <summary>Echoes the datagram back, with DNS's QR bit set when it is a query; anything the filter refuses gets no answer.</summary>
    private static async Task Respond(Socket socket, Func<byte[], bool> accept, CancellationToken stop)
    {
        var buffer = new byte[2048];
        while (!stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.IPv6Any, 0), stop);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            var datagram = buffer[..received.ReceivedBytes];
            if (!accept(datagram))
            {
                continue;
            }

            if (datagram.Length > 2)
            {
                datagram[2] |= 0x80;
            }

            await socket.SendToAsync(datagram, SocketFlags.None, received.RemoteEndPoint, stop);
        }
    }

    private static void Check(CommandResult result)
    {
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"lab setup failed: {result.Stderr}");
        }
    }
}
