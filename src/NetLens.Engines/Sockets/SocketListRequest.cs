using System.Net.Sockets;
using NetLens.Core.Sockets;

namespace NetLens.Engines.Sockets;

/// <summary>Which sockets to list: the kinds in ss's order, the states the kernel filters on, the family, the filter the rest must pass.</summary>
/// <param name="Kinds">Dumped in this order (ss lists netlink, packet, tcp, udp, raw, unix).</param>
/// <param name="States">The states the kernel filters on (ss's rule: the filter's, else -a/-l, else connected).</param>
/// <param name="Family">null for IPv4 and IPv6.</param>
/// <param name="Details">The extra attributes asked of the kernel (tcp_info, memory).</param>
/// <param name="Filter">ss's filter expression; the states it names are already in <paramref name="States"/>.</param>
/// <param name="Owners">Whether to find each socket's processes (a walk of /proc, run beside the dump).</param>
public sealed record SocketListRequest(
    IReadOnlyList<SocketKind> Kinds,
    SocketStateSet States,
    AddressFamily? Family,
    SocketDetails Details,
    SocketFilter Filter,
    bool Owners);
