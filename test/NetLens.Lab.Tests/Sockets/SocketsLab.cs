using System.Net;
using System.Net.Sockets;
using NetLens.Linux.Namespaces;

namespace NetLens.Lab.Tests.Sockets;

/// <summary>
/// A namespace holding known sockets: 10k established connections over loopback (both ends here), half-open
/// ones (the final ACK dropped by nft, so the server keeps SYN-RECV), TIME-WAIT, bound-only, UDP and IPv6.
/// Sockets are created on a thread that entered the namespace, so they live there.
/// </summary>
public sealed class SocketsLab : IDisposable
{
    public const int Established = 10_000;
    public const int Ipv6Established = 5;

    /// <summary>Server ends taken with accept(); the rest wait in the accept queue, established sockets no process holds yet.</summary>
    public const int Accepted = 5_000;
    public const int HalfOpen = 20;
    public const int KeepAlive = 10;
    public const int TimeWait = 30;
    public static readonly int[] BoundOnlyPorts = [9001, 9002, 9003];

    private static readonly IPAddress Server = IPAddress.Parse("198.18.0.1");
    private static readonly IPAddress[] Clients = [IPAddress.Parse("198.18.1.1"), IPAddress.Parse("198.18.1.2")];
    private static readonly IPAddress Server6 = IPAddress.Parse("2001:db8::1");

    private readonly List<Socket> _sockets = [];
    private readonly string _unixPath = Path.Combine(Path.GetTempPath(), $"netlens-sockets-lab-{Environment.ProcessId}.sock");
    private readonly LabNamespace? _ns;

    public SocketsLab()
    {
        if (!LabPrivileges.IsRoot)
        {
            return;
        }

        _ns = LabNamespace.Create("sock");
        try
        {
            _ns.Ip("addr add 198.18.0.1/32 dev lo");
            _ns.Ip("addr add 198.18.1.1/32 dev lo");
            _ns.Ip("addr add 198.18.1.2/32 dev lo");
            _ns.Ip("addr add 2001:db8::1/128 dev lo nodad");

            // half-open: requests must outlive the test run, and the client's final ACK never arrives
            Check(_ns.Exec("sysctl", "-qw", "net.ipv4.tcp_synack_retries=12"));

            // 10k connections with only half their server ends accepted: the hard RLIMIT_NOFILE (20000 here) cannot hold both ends
            Check(_ns.Exec("sysctl", "-qw", "net.core.somaxconn=65535"));
            Check(Shell.Run("ip", ["netns", "exec", _ns.Name, "nft", "-f", "-"], "table inet lab {\n chain in {\n  type filter hook input priority 0;\n  tcp dport 8081 tcp flags & (syn | ack) == ack drop\n }\n}\n"));
            NetworkNamespace.Run(_ns.Name, Build);
            WaitUntilSettled();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public LabNamespace Ns => _ns ?? throw new InvalidOperationException(LabPrivileges.SkipReason);

    /// <summary>Runs ss inside the lab namespace.</summary>
    public string Ss(params string[] arguments) => Check(Ns.Exec("ss", arguments));

    public void Dispose()
    {
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }

        _ns?.Dispose();
        File.Delete(_unixPath);
    }

    private int Build()
    {
        var listener = Listen(new IPEndPoint(Server, 8080), 2 * Established);
        var accepted = 0;
        for (var i = 0; i < Established; i++)
        {
            var client = Keep(new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
            client.Bind(new IPEndPoint(Clients[i % Clients.Length], 0));
            if (i < KeepAlive)
            {
                // a keepalive timer for -o
                client.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            }

            client.Connect(new IPEndPoint(Server, 8080));

            if (accepted < Accepted && listener.Poll(0, SelectMode.SelectRead))
            {
                Keep(listener.Accept());
                accepted++;
            }
        }

        var listener6 = Listen(new IPEndPoint(Server6, 443), 64);
        for (var i = 0; i < Ipv6Established; i++)
        {
            Keep(new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp)).Connect(new IPEndPoint(Server6, 443));
            Keep(listener6.Accept());
        }

        Listen(new IPEndPoint(Server, 8081), 128);
        for (var i = 0; i < HalfOpen; i++)
        {
            var client = Keep(new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false });
            try
            {
                client.Connect(new IPEndPoint(Server, 8081));
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
            {
                // completes in the background: SYN, SYN-ACK, and an ACK that nft drops
            }
        }

        var closing = Listen(new IPEndPoint(Server, 8082), 64);
        for (var i = 0; i < TimeWait; i++)
        {
            // the side that closes first keeps TIME-WAIT
            using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            client.Connect(new IPEndPoint(Server, 8082));
            using var server = closing.Accept();
            client.Close();
            server.Close();
        }

        foreach (var port in BoundOnlyPorts)
        {
            Keep(new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)).Bind(new IPEndPoint(Server, port));
        }

        Keep(new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp)).Bind(new IPEndPoint(Server, 53));
        Keep(new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp)).Bind(new IPEndPoint(IPAddress.IPv6Any, 5353));

        // for -w: a raw ICMP socket; for -x: a unix listener with one connection, and an abstract datagram socket
        Keep(new Socket(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Icmp));
        var unix = Keep(new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified));
        unix.Bind(new UnixDomainSocketEndPoint(_unixPath));
        unix.Listen(8);
        Keep(new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)).Connect(new UnixDomainSocketEndPoint(_unixPath));
        Keep(unix.Accept());
        Keep(new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified)).Bind(new UnixDomainSocketEndPoint("\0" + Path.GetFileName(_unixPath)));
        return 0;
    }

    private Socket Listen(IPEndPoint endpoint, int backlog)
    {
        var socket = Keep(new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp));
        socket.Bind(endpoint);
        socket.Listen(backlog);
        return socket;
    }

    private Socket Keep(Socket socket)
    {
        _sockets.Add(socket);
        return socket;
    }

    /// <summary>Polls (bounded) until the half-open requests exist and every closed connection reached TIME-WAIT.</summary>
    private void WaitUntilSettled()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var synRecv = Count(Ss("-tanH", "state", "syn-recv"));
            var timeWait = Count(Ss("-tanH", "state", "time-wait"));
            var closing = Count(Ss("-tanH", "state", "fin-wait-1", "state", "fin-wait-2", "state", "last-ack", "state", "closing"));
            if (synRecv == HalfOpen && timeWait == TimeWait && closing == 0)
            {
                return;
            }

            using var pause = new ManualResetEventSlim();
            pause.Wait(50);
        }

        throw new InvalidOperationException("the lab's sockets did not settle (SYN-RECV / TIME-WAIT counts) within 10 s");
    }

    private static int Count(string lines) => lines.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;

    private static string Check(CommandResult result) =>
        result.ExitCode == 0 ? result.Stdout : throw new InvalidOperationException($"lab command failed ({result.ExitCode}): {result.Stderr.Trim()}");
}
