using System.Globalization;
using NetLens.Core.Sockets;
using NetLens.Linux.Proc;

namespace NetLens.Cli.Output.Sockets;

/// <summary>What the ss-style listing shows besides the fixed columns.</summary>
public sealed record SsListingLayout
{
    /// <summary>The Netid column, shown (as ss does) when more than one kind is listed.</summary>
    public bool ShowNetid { get; init; }

    /// <summary>The State column; ss leaves it out when only one state is listed.</summary>
    public bool ShowState { get; init; } = true;

    public bool Processes { get; init; }

    public bool Extended { get; init; }

    /// <summary>ss -o: the kernel timer of each socket.</summary>
    public bool Timers { get; init; }

    public bool Info { get; init; }

    public bool Memory { get; init; }

    /// <summary>Port → service name when not numeric; null keeps numbers.</summary>
    public Func<int, string?>? ServiceName { get; init; }

    /// <summary>Address → host name (-r); null keeps numbers.</summary>
    public Func<System.Net.IPAddress, string?>? HostName { get; init; }

    /// <summary>Netlink port id → process name when not numeric; null keeps numbers.</summary>
    public Func<int, string?>? ProcessName { get; init; }
}

/// <summary>Writes ss's columns line by line as sockets stream in: `State Recv-Q Send-Q Local Address:Port Peer Address:Port Process`.</summary>
public sealed class SsListingWriter(TextWriter output, SsListingLayout layout)
{
    public void WriteHeader()
    {
        var netid = layout.ShowNetid ? "Netid ".PadRight(6) : "";
        var state = layout.ShowState ? $"{"State",-10} " : "";
        output.Write($"{netid}{state}{"Recv-Q",-6} {"Send-Q",-6} {"Local Address",22}:{"Port",-6} {"Peer Address",22}:{"Port",-6} Process\n");
    }

    /// <param name="socket">The socket.</param>
    /// <param name="owners">Its owners when -p was asked (null or empty: no process column text).</param>
    /// <param name="device">The name of the device it is bound to, if any.</param>
    public void Write(SocketEntry socket, IReadOnlyList<SocketOwner>? owners, string? device)
    {
        var (localHost, localPort) = SsAddressText.Local(socket, device, layout.ServiceName, layout.ProcessName, layout.HostName);
        var (peerHost, peerPort) = SsAddressText.Peer(socket, layout.ServiceName, layout.HostName);
        if (layout.ShowNetid)
        {
            output.Write(SocketWords.Netid(socket.Kind).PadRight(6));
        }

        if (layout.ShowState)
        {
            output.Write(SocketWords.State(socket.State).PadRight(10));
            output.Write(' ');
        }

        output.Write(socket.RecvQ.ToString(CultureInfo.InvariantCulture).PadRight(6));
        output.Write(' ');
        output.Write(socket.SendQ.ToString(CultureInfo.InvariantCulture).PadRight(6));
        output.Write(' ');
        output.Write(localHost.PadLeft(22));
        output.Write(SsAddressText.Separator(socket, peer: false));
        output.Write(localPort.PadRight(6));
        output.Write(' ');
        output.Write(peerHost.PadLeft(22));
        output.Write(SsAddressText.Separator(socket, peer: true));
        output.Write(peerPort);
        if (layout.Processes && owners is { Count: > 0 })
        {
            output.Write(new string(' ', Math.Max(1, 7 - peerPort.Length)));
            output.Write(SsDetailsText.Users(owners));
        }

        if (layout.Timers && SsDetailsText.Timer(socket) is { } timer)
        {
            output.Write(' ');
            output.Write(timer);
        }

        if (layout.Extended)
        {
            output.Write(SsDetailsText.Extended(socket));
        }

        output.Write('\n');
        if (layout.Memory && socket.Memory is { } memory)
        {
            output.Write("\t ");
            output.Write(SsDetailsText.Memory(memory));
            output.Write('\n');
        }

        if (layout.Info && socket.TcpInfo is { } info)
        {
            output.Write("\t ");
            output.Write(SsDetailsText.TcpInfo(info, socket.Congestion, layout.ServiceName is null, layout.Extended));
            output.Write('\n');
        }
    }
}
