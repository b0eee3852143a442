using System.Net.Sockets;

namespace NetLens.Core.Sockets;

/// <summary>Counts TCP sockets by state as they stream past, without keeping them: the raw material of `sockets -s`.</summary>
public sealed class TcpCensus
{
    private readonly int[] _byState = new int[16];
    private readonly bool[] _localPorts = new bool[65536];

    public int Ipv4 { get; private set; }

    public int Ipv6 { get; private set; }

    public int Orphans { get; private set; }

    public int LocalPorts { get; private set; }

    public void Add(SocketEntry socket)
    {
        if (socket.Kind != SocketKind.Tcp)
        {
            return;
        }

        var state = socket.State == SocketState.NewSynRecv ? SocketState.SynRecv : socket.State;
        _byState[(int)state & 15]++;
        if (socket.Family == AddressFamily.InterNetworkV6)
        {
            Ipv6++;
        }
        else
        {
            Ipv4++;
        }

        if (socket.IsOrphan)
        {
            Orphans++;
        }

        // a port counts once however many sockets share it, as the kernel's bind buckets do
        if (socket.LocalPort > 0 && !_localPorts[socket.LocalPort])
        {
            _localPorts[socket.LocalPort] = true;
            LocalPorts++;
        }
    }

    public int Count(SocketState state) => _byState[(int)state & 15];

    /// <summary>Every socket seen, request sockets (SYN-RECV) left out: they are not sockets yet.</summary>
    public int Sockets => Ipv4 + Ipv6 - Count(SocketState.SynRecv);
}
