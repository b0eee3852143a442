using System.Globalization;
using System.Text;
using NetLens.Core.Links;
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

/// <summary>
/// Writes ss's listing, `State Recv-Q Send-Q Local Address:Port Peer Address:Port Process`, laid out as ss lays it out:
/// ss measures every line before it prints one, so the rows are kept until <see cref="Complete"/>.
/// </summary>
public sealed class SsListingWriter(TextWriter output, SsListingLayout layout)
{
    // ss's columns: addresses end in their separator (":", or " " before a unix inode) and lean right, ports lean left
    private static readonly SsColumns.Column[] Columns =
    [
        new("Netid", AlignRight: false, ""),
        new("State", AlignRight: false, " "),
        new("Recv-Q", AlignRight: false, " "),
        new("Send-Q", AlignRight: false, " "),
        new("Local Address:", AlignRight: true, " "),
        new("Port", AlignRight: false, ""),
        new("Peer Address:", AlignRight: true, " "),
        new("Port", AlignRight: false, ""),
        new("Process", AlignRight: false, ""),
    ];

    private readonly SsColumns _table = new(Columns);

    /// <summary>A header line first (ss -H leaves it out, and then it takes no part in the widths either).</summary>
    public void WriteHeader() => _table.Add(Shown([.. Columns.Select(c => c.Header)]));

    /// <param name="socket">The socket.</param>
    /// <param name="owners">Its owners when -p was asked (null or empty: no process column text).</param>
    /// <param name="device">The name of the device it is bound to, if any.</param>
    /// <param name="tunnel">The kernel tunnel device holding it (vxlan's UDP socket), named where ss names no process.</param>
    public void Write(SocketEntry socket, IReadOnlyList<SocketOwner>? owners, string? device, Link? tunnel = null)
    {
        var (localHost, localPort) = SsAddressText.Local(socket, device, layout.ServiceName, layout.ProcessName, layout.HostName);
        var (peerHost, peerPort) = SsAddressText.Peer(socket, layout.ServiceName, layout.HostName);
        _table.Add(Shown(
        [
            SocketWords.Netid(socket.Kind),
            SocketWords.State(socket.State),
            // ss writes the queues at least six wide itself (so even -H lines have them that wide)
            socket.RecvQ.ToString(CultureInfo.InvariantCulture).PadRight(6),
            socket.SendQ.ToString(CultureInfo.InvariantCulture).PadRight(6),
            localHost + SsAddressText.Separator(socket, peer: false),
            localPort,
            peerHost + SsAddressText.Separator(socket, peer: true),
            peerPort,
            Process(socket, owners, tunnel),
        ]));
    }

    /// <summary>Writes every line, measured together.</summary>
    public void Complete() => _table.WriteTo(output);

    /// <summary>ss's last column: users, timer, -e's details, then -m's and -i's words on a line of their own ("\n\t ").</summary>
    private string Process(SocketEntry socket, IReadOnlyList<SocketOwner>? owners, Link? tunnel)
    {
        var text = new StringBuilder();
        if (layout.Processes && owners is { Count: > 0 })
        {
            text.Append(' ').Append(SsDetailsText.Users(owners));
        }
        else if (layout.Processes && tunnel is not null)
        {
            // ss leaves a kernel socket blank; netlens says whose it is
            text.Append(" kernel:(").Append(KernelTunnelSockets.Describe(tunnel)).Append(')');
        }

        if (layout.Timers && SsDetailsText.Timer(socket) is { } timer)
        {
            text.Append(' ').Append(timer);
        }

        if (layout.Extended)
        {
            text.Append(SsDetailsText.Extended(socket));
        }

        var memory = layout.Memory ? socket.Memory : null;
        var info = layout.Info ? socket.TcpInfo : null;
        if (memory is not null || info is not null)
        {
            text.Append("\n\t");
        }

        if (memory is { } m)
        {
            text.Append(' ').Append(SsDetailsText.Memory(m));
        }

        if (info is { } i)
        {
            text.Append(' ').Append(SsDetailsText.TcpInfo(i, socket.Congestion, layout.ServiceName is null, layout.Extended));
        }

        return text.ToString();
    }

    /// <summary>Hidden Netid and State columns become empty cells: with no header either, they take no room.</summary>
    private string[] Shown(string[] cells)
    {
        if (!layout.ShowNetid)
        {
            cells[0] = "";
        }

        if (!layout.ShowState)
        {
            cells[1] = "";
        }

        return cells;
    }
}
