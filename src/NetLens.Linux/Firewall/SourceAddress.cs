using System.Net;
using System.Net.Sockets;
using NetLens.Linux.Namespaces;

namespace NetLens.Linux.Firewall;

/// <summary>The address this host would send from to reach a peer: what the peer's rules must name.</summary>
public static class SourceAddress
{
    /// <summary>connect() on a UDP socket makes the kernel pick route and source address; no packet is sent.</summary>
    public static IPAddress? Toward(IPAddress peer, NetworkContext context)
    {
        IPAddress? Pick()
        {
            try
            {
                using var socket = new Socket(peer.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
                socket.Connect(new IPEndPoint(peer, 9));
                return (socket.LocalEndPoint as IPEndPoint)?.Address;
            }
            catch (SocketException)
            {
                return null;
            }
        }

        return context.Run(Pick);
    }
}
