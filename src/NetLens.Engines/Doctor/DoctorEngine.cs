using System.Net;
using NetLens.Core;
using NetLens.Core.Doctor;
using NetLens.Core.Firewall.Evaluation;
using NetLens.Core.Links;
using NetLens.Engines.Context;
using NetLens.Engines.Port;
using NetLens.Linux.Routing;
using NetLens.Linux.Tracing;

namespace NetLens.Engines.Doctor;

/// <summary>
/// `doctor`: walks the packet's way with the other commands' engines — resolve, `route get`, the port probe, the
/// neighbour entry, a short trace when the probe is not answered, the far side when it can be entered — while the
/// kernel's drops are traced, and hands the facts to Core's diagnosis.
/// </summary>
public sealed class DoctorEngine
{
    public async Task<DoctorReport> DiagnoseAsync(DoctorRequest request, CancellationToken cancellation)
    {
        var notes = new Dictionary<string, string>();
        var facts = new DoctorFacts { Spec = request.Spec, Notes = notes };
        var (address, resolveError) = Resolve(request.Spec.Host);
        facts = facts with { Address = address, ResolveError = resolveError };
        if (address is null)
        {
            return DoctorDiagnosis.Diagnose(facts);
        }

        var route = await RouteFacts.LookupAsync(request.Network, address, request.From, request.InputInterface, request.Mark, request.Uid, request.CallerUid, cancellation).ConfigureAwait(false);
        facts = facts with { Route = route };
        if (request.InputInterface is { } iif)
        {
            facts = facts with { Forwarding = ForwardingFacts.Read(request.Network, address, iif) };
        }

        if (!route.Found)
        {
            return DoctorDiagnosis.Diagnose(facts);
        }

        facts = facts with { LocalOutput = await LocalOutputAsync(request, address, route, notes, cancellation).ConfigureAwait(false) };
        using var drops = KernelDropTrace.TryStart(address.AddressFamily, out var dropsWhy);
        using var nftrace = NftTracer.TryStart(request, address, route.Source, notes);
        ProbeFact? probe = null;
        PathFact? path = null;
        if (request.Spec.Port is { } port)
        {
            probe = await ProbeFacts.TestAsync(request.Network, new IPEndPoint(address, port), request.Spec.Protocol == DoctorProtocol.Udp, request.Timeout, cancellation).ConfigureAwait(false);
        }

        // The echo request is its own probe; a port that did not answer is traced to see where the packets stop
        // (not when this host's own firewall refused it: the trace's probes would be refused the same way).
        if (probe is null || (!probe.Answered && !probe.RefusedLocally))
        {
            (path, var pathWhy) = await TraceAsync(request, address, cancellation).ConfigureAwait(false);
            if (pathWhy is not null)
            {
                notes["path"] = pathWhy;
            }

            if (request.Spec.Port is null && path is not null)
            {
                var destination = path.Hops.FirstOrDefault(h => h.Destination);
                probe = new ProbeFact(destination is null ? "silent" : "reply", destination is null ? "no-response" : "echo-reply", null, 0, string.Empty, false);
            }
        }

        facts = facts with
        {
            Probe = probe,
            Path = path,
            Neighbour = Neighbour(request, route, address),
            Drops = drops?.Stop(),
            NftTrace = nftrace?.Stop(),
            DropsNote = dropsWhy,
        };
        if (dropsWhy is not null)
        {
            notes["kernel_drops"] = dropsWhy;
        }

        // Big packets only matter once small ones get through.
        if (probe?.Answered == true)
        {
            var (mtu, mtuWhy) = MtuFacts.Measure(request.Network, address, cancellation);
            facts = facts with { Mtu = mtu };
            if (mtuWhy is not null)
            {
                notes["mtu"] = mtuWhy;
            }
        }

        if (request.PeerNetns is { } peer)
        {
            facts = facts with { Peer = await PeerFactsReader.ReadAsync(peer, request.Spec, address, route.Source, request.ServicesFile, request.CallerUid, cancellation).ConfigureAwait(false) };
        }
        else
        {
            notes["peer_firewall"] = "the far side was not read (give --peer-netns when it is a namespace this host can enter)";
        }

        facts = facts with { Underlay = await UnderlayFactsReader.ReadAsync(request, route, notes, cancellation).ConfigureAwait(false) };
        facts = facts with { Conntrack = ConntrackFacts.Read(request.Network, request.PeerNetns) };
        return DoctorDiagnosis.Diagnose(facts);
    }

    /// <summary>The probe's first packet through this host's output hooks, as `port check --direction out` walks them.</summary>
    private static async Task<FirewallFact?> LocalOutputAsync(DoctorRequest request, IPAddress address, RouteFact route, Dictionary<string, string> notes, CancellationToken cancellation)
    {
        try
        {
            var check = new PortCheckRequest(FirewallFacts.Spec(request.Spec, address), route.Source, address, null, null, request.ServicesFile, PacketDirection.Out, route.Device);
            return FirewallFacts.Of(await new PortCheckEngine(request.Network).CheckAsync(check, cancellation).ConfigureAwait(false));
        }
        catch (MissingPrivilegeException e)
        {
            notes["local_firewall"] = $"not read: {e.Message}";
            return null;
        }
    }

    /// <summary>The shared resolver; a name that does not resolve is a fact for the diagnosis (dns_failure), not bad input.</summary>
    private static (IPAddress? Address, string? Error) Resolve(string host)
    {
        try
        {
            return (TargetResolver.Resolve(host, null, preferIPv4: true).Address, null);
        }
        catch (UsageException e)
        {
            return (null, e.Message);
        }
    }

    private static async Task<(PathFact? Path, string? Why)> TraceAsync(DoctorRequest request, IPAddress address, CancellationToken cancellation)
    {
        try
        {
            return (await PathFacts.TraceAsync(request.Network, address, request.Spec.Protocol, request.Spec.Port, cancellation).ConfigureAwait(false), null);
        }
        catch (MissingPrivilegeException e)
        {
            return (null, $"not traced: {e.Message}");
        }
        catch (LocalFirewallException)
        {
            // sendto() refused with EPERM: the output hook dropped the trace's own probe
            return (null, "not traced: this host's output firewall refused the probes (EPERM)");
        }
    }

    /// <summary>The next hop's entry after the probes used it: FAILED or INCOMPLETE means nothing answered ARP/ND.</summary>
    internal static NeighbourFact? Neighbour(DoctorRequest request, RouteFact route, IPAddress destination)
    {
        if (route.Device is null || route.Device == "lo")
        {
            return null;
        }

        var next = route.NextHop(destination);
        return request.Network.Run(() =>
        {
            using var netlink = RouteNetlink.Open();
            var link = netlink.GetLink(route.Device);
            if (link is null || (link.Flags & 0x80) != 0)
            {
                // IFF_NOARP links (tunnels, point-to-point) keep no neighbour entries
                return null;
            }

            var entry = netlink.DumpNeighbours(next.AddressFamily).FirstOrDefault(n => n.Address.Equals(next) && n.InterfaceIndex == link.Index);
            return new NeighbourFact(next, route.Device, entry is null ? null : StateWord(entry.State));
        });
    }

    private static string StateWord(NeighbourStates state) => state switch
    {
        NeighbourStates.Incomplete => "INCOMPLETE",
        NeighbourStates.Reachable => "REACHABLE",
        NeighbourStates.Stale => "STALE",
        NeighbourStates.Delay => "DELAY",
        NeighbourStates.Probe => "PROBE",
        NeighbourStates.Failed => "FAILED",
        NeighbourStates.NoArp => "NOARP",
        NeighbourStates.Permanent => "PERMANENT",
        _ => "NONE",
    };
}
