using System.Globalization;
using System.Net;
using System.Net.Sockets;
using NetLens.Core.Sockets;

namespace NetLens.Cli.Output.Sockets;

/// <summary>ss's words for endpoints: `198.18.0.1:80`, `[2001:db8::1]:443`, `0.0.0.0:*`, `127.0.0.53%lo:53`, unix `path inode`.</summary>
public static class SsAddressText
{
    /// <param name="address">The address.</param>
    /// <param name="device">The device a socket is bound to, written after a %.</param>
    /// <param name="hostName">Address → name (-r); a name is written as is, as ss does, numbers of IPv6 in brackets.</param>
    public static string Host(IPAddress address, string? device, Func<IPAddress, string?>? hostName = null)
    {
        var text = hostName?.Invoke(address) is { } name ? name
            : address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        return device is null ? text : $"{text}%{device}";
    }

    /// <summary>Port 0 is ss's "*": no port yet (listeners' peers, unbound sockets).</summary>
    public static string Port(int port, Func<int, string?>? serviceName) =>
        port == 0 ? "*" : serviceName?.Invoke(port) ?? port.ToString(CultureInfo.InvariantCulture);

    /// <param name="socket">The socket.</param>
    /// <param name="device">The name of the device it is bound to, if any.</param>
    /// <param name="serviceName">Port → service name; null keeps numbers.</param>
    /// <param name="processName">Netlink port id → process name; null keeps numbers (-n).</param>
    /// <param name="hostName">Address → host name (-r); null keeps numbers.</param>
    public static (string Host, string Port) Local(SocketEntry socket, string? device, Func<int, string?>? serviceName, Func<int, string?>? processName = null, Func<IPAddress, string?>? hostName = null)
    {
        var numeric = serviceName is null;
        if (SocketWords.IsUnix(socket.Kind))
        {
            return (socket.UnixPath ?? "*", socket.Inode.ToString(CultureInfo.InvariantCulture));
        }

        // ss: the EtherType, then the device (* for any)
        if (SocketWords.IsPacket(socket.Kind))
        {
            return (LinkProtocolNames.EtherType(socket.Protocol, numeric), device ?? "*");
        }

        if (socket.Kind == SocketKind.Netlink)
        {
            return (LinkProtocolNames.Netlink(socket.Protocol, numeric), NetlinkOwner(socket.NetlinkPortId, processName));
        }

        return (InetHost(socket, socket.LocalAddress, device, hostName), Port(socket.LocalPort, serviceName));
    }

    /// <summary>
    /// Packet sockets and unconnected netlink ones have no peer: ss writes a lone "*" in the address column (no
    /// separator) and leaves the port column empty, so with -H the "*" still holds the address column open.
    /// </summary>
    public static (string Host, string Port) Peer(SocketEntry socket, Func<int, string?>? serviceName, Func<IPAddress, string?>? hostName = null) => socket switch
    {
        _ when SocketWords.IsUnix(socket.Kind) => ("*", socket.UnixPeerInode.ToString(CultureInfo.InvariantCulture)),
        { NetlinkPeer: { } peer } => (peer.Group.ToString(CultureInfo.InvariantCulture), peer.PortId.ToString(CultureInfo.InvariantCulture)),
        _ when !SocketWords.IsInet(socket.Kind) => ("*", ""),
        _ => (InetHost(socket, socket.PeerAddress, null, hostName), Port(socket.PeerPort, serviceName)),
    };

    /// <summary>ss writes an IPv6 socket's unspecified address as "*" when it takes IPv4 too, "[::]" when IPv6 only.</summary>
    private static string InetHost(SocketEntry socket, IPAddress address, string? device, Func<IPAddress, string?>? hostName) =>
        socket.DualStack && address.Equals(IPAddress.IPv6Any) ? (device is null ? "*" : $"*%{device}") : Host(address, device, hostName);

    /// <summary>The text between a host and its port: a space for unix sockets, nothing before a lone "*".</summary>
    public static string Separator(SocketEntry socket, bool peer) =>
        SocketWords.IsUnix(socket.Kind) ? " "
        : peer && !SocketWords.IsInet(socket.Kind) && socket.NetlinkPeer is null ? ""
        : ":";

    /// <summary>ss's netlink port: "kernel" for 0, "name/pid" for a process's own, else the number ("*" for -1).</summary>
    private static string NetlinkOwner(int portId, Func<int, string?>? processName) => portId switch
    {
        -1 => "*",
        0 when processName is not null => "kernel",
        > 0 when processName?.Invoke(portId) is { } name => string.Create(CultureInfo.InvariantCulture, $"{name}/{portId}"),
        _ => portId.ToString(CultureInfo.InvariantCulture),
    };
}
