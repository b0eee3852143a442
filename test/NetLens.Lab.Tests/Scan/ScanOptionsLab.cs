using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using NetLens.Linux.Namespaces;

namespace NetLens.Lab.Tests.Scan;

/// <summary>
/// Four hosts for nmap's classic options, 198.18.10.1-4 on the loopback of a namespace of their own: 22 and 80 open on
/// .1, 25 open on .3, nothing on .2 and .4 (closed), and SYNs to 9999 dropped by nft and counted (filtered).
/// </summary>
public sealed partial class ScanOptionsLab : IDisposable
{
    public const string Ports = "21-23,25,80,9999";
    public const int DroppedPort = 9999;
    public static readonly string[] Hosts = ["198.18.10.1", "198.18.10.2", "198.18.10.3", "198.18.10.4"];

    private static readonly (string Address, int Port)[] Open = [("198.18.10.1", 22), ("198.18.10.1", 80), ("198.18.10.3", 25)];

    private readonly List<Socket> _listeners = [];
    private readonly LabNamespace? _ns;

    public ScanOptionsLab()
    {
        if (!LabPrivileges.IsRoot)
        {
            return;
        }

        _ns = LabNamespace.Create("scanopt");
        try
        {
            _ns.Ip("link set lo up");
            foreach (var host in Hosts)
            {
                _ns.Ip($"addr add {host}/32 dev lo");
            }

            var nft = Shell.Run("ip", ["netns", "exec", _ns.Name, "nft", "-f", "-"], $"table inet lab {{\n counter syns {{ }}\n chain in {{\n  type filter hook input priority 0;\n  tcp dport {DroppedPort} tcp flags syn counter name syns drop\n  tcp dport {DroppedPort} drop\n }}\n}}\n");
            if (nft.ExitCode != 0)
            {
                throw new InvalidOperationException($"lab setup failed: {nft.Stderr}");
            }

            NetworkNamespace.Run(_ns.Name, Listen);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string Name => _ns?.Name ?? throw new InvalidOperationException("no lab without root");

    public CommandResult Exec(string file, params string[] arguments) => _ns!.Exec(file, arguments);

    /// <summary>SYNs that reached the dropped port so far: every probe and retransmission sent to it.</summary>
    public long SynsToDroppedPort()
    {
        var listing = Shell.Check("ip", ["netns", "exec", Name, "nft", "list", "counter", "inet", "lab", "syns"]);
        return long.Parse(PacketsPattern().Match(listing).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        foreach (var listener in _listeners)
        {
            listener.Dispose();
        }

        _ns?.Dispose();
    }

    [GeneratedRegex(@"packets (\d+)")]
    private static partial Regex PacketsPattern();

    private int Listen()
    {
        foreach (var (address, port) in Open)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Parse(address), port));
            socket.Listen(64);
            _listeners.Add(socket);
        }

        return _listeners.Count;
    }
}
