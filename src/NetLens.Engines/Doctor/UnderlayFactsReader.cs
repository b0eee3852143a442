using System.Net;
using NetLens.Core;
using NetLens.Core.Doctor;
using NetLens.Core.Firewall.Evaluation;
using NetLens.Engines.Port;
using NetLens.Linux.Namespaces;
using NetLens.Linux.Probes;
using NetLens.Linux.Routing;

namespace NetLens.Engines.Doctor;

/// <summary>
/// The overlay step: when the route leaves by a vxlan, its underlay packet (UDP to the tunnel's remote) is asked the
/// same questions with the same engines — `route get`, `port check --direction out`, the neighbour entry, an echo of
/// the remote (its kernel holds the port and answers no probe there), and the far side's `port check` of its input.
/// </summary>
internal static class UnderlayFactsReader
{
    /// <summary>Tunnel kinds whose underlay this reader does not decode yet: said in a skipped step, not silently passed.</summary>
    private static readonly HashSet<string> OtherTunnels = ["geneve", "gre", "gretap", "ip6gre", "ip6gretap", "ipip", "sit", "ip6tnl", "wireguard"];

    private static readonly TimeSpan EchoTimeout = TimeSpan.FromSeconds(1);

    public static async Task<UnderlayFacts?> ReadAsync(DoctorRequest request, RouteFact route, Dictionary<string, string> notes, CancellationToken cancellation)
    {
        if (route.Device is not { } device || route.DeviceKind is not { } kind)
        {
            return null;
        }

        if (kind != "vxlan")
        {
            if (OtherTunnels.Contains(kind))
            {
                notes["underlay"] = $"{device} is a {kind} tunnel: its underlay is not read yet (vxlan only)";
            }

            return null;
        }

        var tunnel = request.Network.Run(() =>
        {
            using var netlink = RouteNetlink.Open();
            return netlink.GetLink(device)?.Tunnel;
        });
        if (tunnel?.Remote is not { } remote || tunnel.Port is not { } port || IsMulticast(remote))
        {
            notes["underlay"] = $"{device} has no single remote (a multicast group or per-destination FDB entries): its underlay is not checked";
            return null;
        }

        var underlayRoute = await RouteFacts.LookupAsync(request.Network, remote, tunnel.Local, null, null, null, request.CallerUid, cancellation).ConfigureAwait(false);
        var facts = new UnderlayFacts(device, tunnel) { Route = underlayRoute, PeerNetns = request.PeerNetns };
        if (!underlayRoute.Found)
        {
            return facts;
        }

        var source = underlayRoute.Source ?? tunnel.Local;
        var spec = $"{port}/udp";
        facts = facts with
        {
            LocalOutput = await CheckAsync(request.Network, new PortCheckRequest(spec, source, remote, null, null, request.ServicesFile, PacketDirection.Out, underlayRoute.Device),
                notes, "underlay_firewall", cancellation).ConfigureAwait(false),
            Remote = Echo(request.Network, remote, source, cancellation),
        };

        // read after the echo used it, so the entry is the one the underlay packets meet
        facts = facts with { Neighbour = DoctorEngine.Neighbour(request, underlayRoute, remote) };

        if (request.PeerNetns is not { } peerNetns)
        {
            notes["underlay_peer_firewall"] = "the far side was not read (give --peer-netns when it is a namespace this host can enter)";
            return facts;
        }

        var peer = NetworkContext.For(peerNetns);
        if (peer.Run(() => PeerFactsReader.DeviceHolding(remote)) is not { } arrival)
        {
            notes["underlay_peer_firewall"] = $"{peerNetns} does not hold the tunnel's remote {remote}: its input was not read";
            return facts;
        }

        facts = facts with
        {
            PeerInput = await CheckAsync(peer, new PortCheckRequest(spec, source, remote, arrival, null, request.ServicesFile), notes, "underlay_peer_firewall", cancellation).ConfigureAwait(false),
        };

        // the peer's kernel answers no probe on the tunnel's port: its own traffic, a frame the peer's device catches, is the proof
        try
        {
            return facts with { Frame = new PortProbeEngine(request.Network).ProveTunnel(new IPEndPoint(remote, port), peerNetns, TimeSpan.FromSeconds(1), 2, out _) };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            notes["underlay_port"] = $"no frame could be sent through {device}: {e.Message}";
            return facts;
        }
    }

    private static async Task<FirewallFact?> CheckAsync(NetworkContext context, PortCheckRequest check, Dictionary<string, string> notes, string step, CancellationToken cancellation)
    {
        try
        {
            return FirewallFacts.Of(await new PortCheckEngine(context).CheckAsync(check, cancellation).ConfigureAwait(false));
        }
        catch (MissingPrivilegeException e)
        {
            notes[step] = $"not read: {e.Message}";
            return null;
        }
    }

    /// <summary>One echo request to the tunnel's remote from the tunnel's source: is the host there at all.</summary>
    private static ProbeFact Echo(NetworkContext context, IPAddress remote, IPAddress? source, CancellationToken cancellation)
    {
        var result = EchoProbe.Send(new EchoProbeRequest(remote) { Source = source, Timeout = EchoTimeout }, context, cancellation);
        return new ProbeFact(result.Replied ? "reply" : "silent", result.Replied ? "echo-reply" : result.Failure ?? "no-response", null,
            result.RoundTrip.TotalMilliseconds, result.Mechanism.ToString(), false);
    }

    private static bool IsMulticast(IPAddress address) =>
        address.IsIPv6Multicast || (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && (address.GetAddressBytes()[0] & 0xF0) == 0xE0);
}
