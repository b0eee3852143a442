using System.Globalization;
using System.Net;
using System.Net.Sockets;
using NetLens.Core.Sockets;

namespace NetLens.Cli.Output.Sockets;

/// <summary>ss's words for endpoints: `198.18.0.1:80`, `[2001:db8::1]:443`, `0.0.0.0:*`, `127.0.0.53%lo:53`, unix `path inode`.</summary>
public static class SsAddressText
{
    public static string Host(IPAddress address, string? device)
    {
        var text = address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        return device is null ? text : $"{text}%{device}";
    }

    /// <summary>Port 0 is ss's "*": no port yet (listeners' peers, unbound sockets).</summary>
    public static string Port(int port, Func<int, string?>? serviceName) =>
        port == 0 ? "*" : serviceName?.Invoke(port) ?? port.ToString(CultureInfo.InvariantCulture);

    public static (string Host, string Port) Local(SocketEntry socket, string? device, Func<int, string?>? serviceName) =>
        SocketWords.IsUnix(socket.Kind)
            ? (socket.UnixPath ?? "*", socket.Inode.ToString(CultureInfo.InvariantCulture))
            : (Host(socket.LocalAddress, device), Port(socket.LocalPort, serviceName));

    public static (string Host, string Port) Peer(SocketEntry socket, Func<int, string?>? serviceName) =>
        SocketWords.IsUnix(socket.Kind)
            ? ("*", socket.UnixPeerInode.ToString(CultureInfo.InvariantCulture))
            : (Host(socket.PeerAddress, null), Port(socket.PeerPort, serviceName));
}
