using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NetLens.Core.Scanning;

/// <summary>
/// A unicast SSDP M-SEARCH for all devices (UPnP Device Architecture 1.1 §1.3.2): sent to one host, HOST names that host
/// and no MX is given, as the specification asks of unicast searches.
/// </summary>
public static class UdpSsdpSearch
{
    public static byte[] Build(IPAddress target, int port = 1900)
    {
        var host = target.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{target}]" : target.ToString();
        return Encoding.ASCII.GetBytes($"M-SEARCH * HTTP/1.1\r\nHOST: {host}:{port}\r\nMAN: \"ssdp:discover\"\r\nST: ssdp:all\r\n\r\n");
    }
}
