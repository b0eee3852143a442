using System.Net;
using NetLens.Core.Doctor;
using NetLens.Core.Sockets;
using NetLens.Engines.Port;
using NetLens.Engines.Sockets;
using NetLens.Linux.Namespaces;
using NetLens.Linux.Proc;
using NetLens.Linux.Routing;

namespace NetLens.Engines.Doctor;

/// <summary>The far side, read inside its namespace with the same engines: `port check` for its input, `sockets` for the listener, `route get` for the way back.</summary>
internal static class PeerFactsReader
{
    public static async Task<PeerFacts> ReadAsync(string netns, DoctorTargetSpec spec, IPAddress destination, IPAddress? source, string servicesFile, uint callerUid, CancellationToken cancellation)
    {
        var peer = NetworkContext.For(netns);
        var arrival = peer.Run(() => DeviceHolding(destination));
        var check = await new PortCheckEngine(peer).CheckAsync(new PortCheckRequest(FirewallFacts.Spec(spec, destination), source, destination, arrival, null, servicesFile), cancellation).ConfigureAwait(false);
        var input = FirewallFacts.Of(check);

        var listener = spec.Port is { } listened ? await ListenerAsync(peer, spec.Protocol, listened, cancellation).ConfigureAwait(false) : null;
        RouteFact? back = null;
        RpFilterFact? rp = null;
        if (source is not null)
        {
            back = await RouteFacts.LookupAsync(peer, source, destination, null, null, null, callerUid, cancellation).ConfigureAwait(false);
            if (arrival is not null && peer.Run(() => ReversePathSysctl.Mode(arrival)) is { } mode && destination.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
            {
                rp = new RpFilterFact(mode, arrival, back.Device);
            }
        }

        return new PeerFacts(netns, input, listener, back, rp);
    }

    private static async Task<ListenerFact> ListenerAsync(NetworkContext peer, DoctorProtocol protocol, int port, CancellationToken cancellation)
    {
        var kind = protocol == DoctorProtocol.Udp ? SocketKind.Udp : SocketKind.Tcp;
        var request = new SocketListRequest([kind], SocketStateSet.Listening, null, SocketDetails.None, SocketFilter.Everything, Owners: true);
        var listing = await new SocketsEngine(peer).ListAsync(request, cancellation).ConfigureAwait(false);
        var bound = listing.Sockets.Where(s => s.LocalPort == port).ToList();
        var process = bound.Select(s => listing.OwnersOf(s)?.FirstOrDefault()).FirstOrDefault(o => o is not null);
        return new ListenerFact([.. bound.Select(s => new IPEndPoint(s.LocalAddress, s.LocalPort))], process is { } owner ? $"{owner.Name} (pid {owner.Pid})" : null);
    }

    /// <summary>The device that holds the destination address: in a simple far side, the one the probe arrives by.</summary>
    internal static string? DeviceHolding(IPAddress destination)
    {
        using var netlink = RouteNetlink.Open();
        var address = netlink.DumpAddresses(destination.AddressFamily).FirstOrDefault(a => a.Local.Equals(destination));
        return address is null ? null : netlink.GetLink(address.InterfaceIndex)?.Name;
    }
}
