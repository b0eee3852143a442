using System.Net;
using System.Net.Sockets;
using NetLens.Core;

namespace NetLens.Linux.Probes;

/// <summary>Tells a send the local firewall refused from other send failures.</summary>
internal static class LocalFirewall
{
    /// <summary>
    /// A netfilter drop on this host's OUTPUT path fails sendto() with EPERM, which .NET reports as AccessDenied (as it
    /// does EACCES, which a unicast probe on an open socket never gets: a missing privilege fails at socket()), so a
    /// refused send is the local firewall.
    /// </summary>
    public static bool Refused(SocketException e) => e.SocketErrorCode == SocketError.AccessDenied;

    public static LocalFirewallException Exception(IPAddress target) =>
        new($"the local firewall (OUTPUT) refused the probe to {target}: the kernel answered the send with EPERM, so nothing left this host (look at the output chain's rules, e.g. nft list ruleset or iptables -S OUTPUT)");

    /// <summary>Sends, turning a local firewall's refusal into <see cref="LocalFirewallException"/>.</summary>
    public static void SendTo(Socket socket, ReadOnlySpan<byte> datagram, EndPoint target)
    {
        try
        {
            socket.SendTo(datagram, target);
        }
        catch (SocketException e) when (Refused(e))
        {
            throw Exception(((IPEndPoint)target).Address);
        }
    }
}
