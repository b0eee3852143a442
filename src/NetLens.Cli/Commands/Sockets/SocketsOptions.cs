using System.Net.Sockets;
using NetLens.Core.Sockets;

namespace NetLens.Cli.Commands.Sockets;

/// <summary>`netlens sockets` as typed values; the flags mean what ss's do.</summary>
public sealed record SocketsOptions
{
    public bool Tcp { get; init; }

    public bool Udp { get; init; }

    public bool Raw { get; init; }

    public bool Unix { get; init; }

    /// <summary>-0: packet sockets (raw and datagram).</summary>
    public bool Packet { get; init; }

    /// <summary>--netlink / -A netlink.</summary>
    public bool Netlink { get; init; }

    public bool Listening { get; init; }

    public bool All { get; init; }

    public bool Numeric { get; init; }

    /// <summary>-r: host names for addresses (ss resolves ports by default, hosts only with -r).</summary>
    public bool Resolve { get; init; }

    public bool Processes { get; init; }

    public bool Extended { get; init; }

    /// <summary>-o: kernel timers.</summary>
    public bool Timers { get; init; }

    public bool Info { get; init; }

    public bool Memory { get; init; }

    /// <summary>-4 / -6; null for both.</summary>
    public AddressFamily? Family { get; init; }

    /// <summary>-H: the listing without its header line.</summary>
    public bool NoHeader { get; init; }

    /// <summary>-O: each socket on one line, the -i/-m words after the rest instead of on a line of their own.</summary>
    public bool OneLine { get; init; }

    /// <summary>-K: close the matching sockets (SOCK_DESTROY) and list the ones closed.</summary>
    public bool Kill { get; init; }

    /// <summary>-E: stream sockets as the kernel destroys them.</summary>
    public bool Events { get; init; }

    public bool Summary { get; init; }

    public bool Check { get; init; }

    public bool Json { get; init; }

    /// <summary>--verbose: say on stderr which mechanism answered.</summary>
    public bool Verbose { get; init; }

    public string? Netns { get; init; }

    public SocketFilter Filter { get; init; } = SocketFilter.Everything;

    /// <summary>The kinds to list: the ones asked for, or (like ss) all of them when none was.</summary>
    public IReadOnlyList<SocketKind> Kinds
    {
        get
        {
            var kinds = new List<SocketKind>();
            var none = !Tcp && !Udp && !Raw && !Unix && !Packet && !Netlink;

            // ss's order puts netlink and packet sockets first; -4/-6 ask for inet sockets only
            if ((Netlink || none) && Family is null)
            {
                kinds.Add(SocketKind.Netlink);
            }

            if ((Packet || none) && Family is null)
            {
                kinds.Add(SocketKind.PacketRaw);
            }

            if (Tcp || none)
            {
                kinds.Add(SocketKind.Tcp);
            }

            if (Udp || none)
            {
                kinds.Add(SocketKind.Udp);
            }

            if (Raw || none)
            {
                kinds.Add(SocketKind.Raw);
            }

            // -4/-6 ask for inet sockets only, as in ss
            if ((Unix || none) && Family is null)
            {
                kinds.Add(SocketKind.UnixStream);
            }

            return kinds;
        }
    }

    /// <summary>
    /// ss's rule: a filter's states win; else -a all, -l listening, packet sockets alone all (they are never connected),
    /// UDP and raw sockets alone established (all their connected state; a single state, so ss shows no State column),
    /// default connected.
    /// </summary>
    public SocketStateSet States =>
        Filter.States ?? (All ? SocketStateSet.All
            : Listening ? SocketStateSet.Listening
            : Kinds is [SocketKind.PacketRaw] ? SocketStateSet.Of(SocketState.Close)
            : Kinds.All(k => k is SocketKind.Udp or SocketKind.Raw) ? SocketStateSet.Of(SocketState.Established)
            : SocketStateSet.Connected);
}
