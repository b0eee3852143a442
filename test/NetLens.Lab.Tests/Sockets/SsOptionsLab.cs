using System.Net;
using System.Net.Sockets;
using NetLens.Linux.Namespaces;

namespace NetLens.Lab.Tests.Sockets;

/// <summary>
/// A namespace of its own for ss's -K, -E, -O and service-name filters: a listener on 198.18.93.1:22 ("ssh") with one
/// client, and a listener on 198.18.93.1:8080 with one client that no `:ssh` filter matches. Built per test: -K and
/// -E destroy what they are shown.
/// </summary>
public sealed class SsOptionsLab : IDisposable
{
    public static readonly IPAddress Server = IPAddress.Parse("198.18.93.1");
    public static readonly IPAddress Client = IPAddress.Parse("198.18.93.2");

    private readonly List<Socket> _sockets = [];

    public SsOptionsLab()
    {
        Ns = LabNamespace.Create("ssopts");
        try
        {
            Ns.Ip("addr add 198.18.93.1/32 dev lo");
            Ns.Ip("addr add 198.18.93.2/32 dev lo");
            NetworkNamespace.Run(Ns.Name, Build);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public LabNamespace Ns { get; }

    /// <summary>The client end of the connection to :22 (its peer port is ssh's).</summary>
    public Socket SshClient { get; private set; } = null!;

    /// <summary>The server end of the connection to :22.</summary>
    public Socket SshServer { get; private set; } = null!;

    /// <summary>The client end of the connection to :8080.</summary>
    public Socket OtherClient { get; private set; } = null!;

    /// <summary>The server end of the connection to :8080.</summary>
    public Socket OtherServer { get; private set; } = null!;

    /// <summary>The client's local port on the :22 connection.</summary>
    public int SshClientPort => ((IPEndPoint)SshClient.LocalEndPoint!).Port;

    /// <summary>Runs ss inside the namespace; throws when it fails.</summary>
    public string Ss(params string[] arguments)
    {
        var run = Ns.Exec("ss", arguments);
        return run.ExitCode == 0 ? run.Stdout : throw new InvalidOperationException($"ss failed ({run.ExitCode}): {run.Stderr.Trim()}");
    }

    public void Dispose()
    {
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }

        Ns.Dispose();
    }

    private int Build()
    {
        (SshClient, SshServer) = Connect(Listen(22));
        (OtherClient, OtherServer) = Connect(Listen(8080));
        return 0;
    }

    private Socket Listen(int port)
    {
        var listener = Keep(new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        listener.Bind(new IPEndPoint(Server, port));
        listener.Listen(8);
        return listener;
    }

    private (Socket Client, Socket Server) Connect(Socket listener)
    {
        var client = Keep(new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 5000 });
        client.Bind(new IPEndPoint(Client, 0));
        client.Connect(listener.LocalEndPoint!);
        var server = Keep(listener.Accept());
        server.ReceiveTimeout = 5000;
        return (client, server);
    }

    private Socket Keep(Socket socket)
    {
        _sockets.Add(socket);
        return socket;
    }
}
