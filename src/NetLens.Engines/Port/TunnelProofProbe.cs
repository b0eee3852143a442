using System.Security.Cryptography;
using System.Text;
using NetLens.Core.Links;
using NetLens.Core.PortTest;
using NetLens.Linux.Namespaces;
using NetLens.Linux.PortTest;
using NetLens.Linux.Routing;

namespace NetLens.Engines.Port;

/// <summary>
/// `port test HOST:8472/udp --peer-netns NS` where a vxlan of this host has HOST as its remote: the kernel answers no
/// datagram on a tunnel's port, so the port is proved by the tunnel's own traffic instead — a netlens frame sent out of
/// the local device, caught on the peer's device of the same VNI.
/// </summary>
internal static class TunnelProofProbe
{
    /// <summary>The proof, or null when the peer has no device of the tunnel's VNI on that port (the reason in <paramref name="missing"/>).</summary>
    public static TunnelProof? Run(Link local, NetworkContext here, string peerNetns, TimeSpan timeout, int attempts, out string? missing)
    {
        var peer = NetworkContext.For(peerNetns);
        var tunnel = local.Tunnel!;
        var match = TunnelLinks.Read(peer).FirstOrDefault(l => l.Tunnel!.Kind == tunnel.Kind && l.Tunnel.Id == tunnel.Id && l.Tunnel.Port == tunnel.Port);
        if (match is null)
        {
            missing = $"the peer namespace {peerNetns} has no {tunnel.Kind} with id {tunnel.Id} on udp/{tunnel.Port}";
            return null;
        }

        missing = null;
        var payload = Encoding.ASCII.GetBytes($"netlens tunnel probe {Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}");
        var before = Counters(peer, match.Index);
        var sent = 0;
        var arrived = false;
        using (var catcher = TunnelFrame.Catch(peer, match.Index))
        {
            var each = timeout / attempts;
            while (sent < attempts && !arrived)
            {
                TunnelFrame.Send(here, local.Index, payload);
                sent++;
                arrived = catcher.WaitFor(payload, each);
            }
        }

        return new TunnelProof(local.Name, match.Name, arrived, sent, before, Counters(peer, match.Index));
    }

    private static ulong? Counters(NetworkContext context, int index)
    {
        using var netlink = context.Run(RouteNetlink.Open);
        return netlink.GetLink(index)?.Counters?.RxPackets;
    }
}
