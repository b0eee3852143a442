using System.Net.Sockets;
using NetLens.Core.Probing;
using NetLens.Linux.Namespaces;

namespace NetLens.Linux.Probes;

/// <summary>Which probe mechanisms this process may use, found by trying to open each socket once.</summary>
public sealed record ProbeCapabilities(bool RawSocket, bool IcmpDatagram)
{
    /// <summary>UDP with the error queue needs nothing, so it is always there.</summary>
    public static bool UdpErrorQueue => true;

    public static ProbeCapabilities Detect(AddressFamily family, string? netns = null) =>
        netns is null ? Probe(family) : NetworkContext.For(netns).Run(() => Probe(family));

    /// <summary>The mechanism --icmp uses: a raw socket when allowed, else a datagram socket; null when neither is.</summary>
    public ProbeMechanism? ForIcmp => RawSocket ? ProbeMechanism.RawSocket : IcmpDatagram ? ProbeMechanism.IcmpDatagram : null;

    private static ProbeCapabilities Probe(AddressFamily family)
    {
        var icmp = family == AddressFamily.InterNetworkV6 ? ProtocolType.IcmpV6 : ProtocolType.Icmp;
        return new ProbeCapabilities(CanOpen(family, SocketType.Raw, icmp), CanOpen(family, SocketType.Dgram, icmp));
    }

    private static bool CanOpen(AddressFamily family, SocketType type, ProtocolType protocol)
    {
        try
        {
            using var socket = new Socket(family, type, protocol);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
