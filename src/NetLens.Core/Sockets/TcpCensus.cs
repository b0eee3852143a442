namespace NetLens.Core.Sockets;

/// <summary>Counts TCP sockets by state, and their local ports, as they stream past, without keeping them: the raw material of `sockets -s`.</summary>
public sealed class TcpCensus
{
    private readonly int[] _byState = new int[16];
    private readonly bool[] _localPorts = new bool[65536];

    public int Orphans { get; private set; }

    /// <summary>FIN-WAIT-2 sockets the kernel already moved to its TIME-WAIT table (timer 3): its tw counter includes them.</summary>
    public int FinWait2InTimeWaitTable { get; private set; }

    /// <summary>Distinct local ports among the sockets and ports added.</summary>
    public int LocalPorts { get; private set; }

    public void Add(SocketEntry socket)
    {
        if (socket.Kind != SocketKind.Tcp)
        {
            return;
        }

        var state = socket.State == SocketState.NewSynRecv ? SocketState.SynRecv : socket.State;
        _byState[(int)state & 15]++;
        if (socket.IsOrphan)
        {
            Orphans++;
        }

        if (state == SocketState.FinWait2 && socket.Timer == 3)
        {
            FinWait2InTimeWaitTable++;
        }

        AddPort(socket.LocalPort);
    }

    /// <summary>A port counts once however many sockets share it, as the kernel's bind buckets do.</summary>
    public void AddPort(int port)
    {
        if (port > 0 && port < _localPorts.Length && !_localPorts[port])
        {
            _localPorts[port] = true;
            LocalPorts++;
        }
    }

    public bool HasPort(int port) => port > 0 && port < _localPorts.Length && _localPorts[port];

    public int Count(SocketState state) => _byState[(int)state & 15];
}
