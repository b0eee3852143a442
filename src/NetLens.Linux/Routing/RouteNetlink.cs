using System.Net;
using System.Net.Sockets;
using NetLens.Core;
using NetLens.Core.Links;
using NetLens.Core.Routing;
using NetLens.Core.Routing.Lookup;
using NetLens.Linux.Interop;
using NetLens.Linux.Namespaces;
using NetLens.Linux.Netlink;

namespace NetLens.Linux.Routing;

/// <summary>One NETLINK_ROUTE socket: dumps routes, rules, links and addresses, and asks the kernel's route lookup.</summary>
public sealed class RouteNetlink : IDisposable
{
    private static readonly MessageDecoder<Route> RouteDumpDecoder = RouteMessage.DecodeForDump;
    private static readonly MessageDecoder<Route> RouteAnswerDecoder = RouteMessage.DecodeAnswer;
    private static readonly MessageDecoder<PolicyRule> RuleDecoder = RuleMessage.DecodeForDump;
    private static readonly MessageDecoder<Link> LinkDecoder = LinkMessage.DecodeReply;
    private static readonly MessageDecoder<InterfaceAddress> AddressDecoder = AddressMessage.DecodeForDump;
    private static readonly MessageDecoder<Neighbour> NeighbourDecoder = NeighbourMessage.DecodeForDump;

    private readonly NetlinkSocket _socket;

    private RouteNetlink(NetlinkSocket socket) => _socket = socket;

    /// <summary>A socket in the current network namespace.</summary>
    public static RouteNetlink Open() => new(NetlinkSocket.Open(NetlinkConstants.NETLINK_ROUTE));

    /// <summary>A socket in the namespace "NAME" (/run/netns/NAME) or at a path such as /proc/PID/ns/net; the calling thread is put back afterwards.</summary>
    public static RouteNetlink OpenInNamespace(string nameOrPath) =>
        NetworkContext.For(nameOrPath).Run(Open);

    /// <summary>Every route of every table, in the kernel's order, cached clones left out.</summary>
    public IReadOnlyList<Route> DumpRoutes(AddressFamily family)
    {
        Span<byte> buffer = stackalloc byte[DumpRequest.MaxLength];
        var ipv4Addresses = new Dictionary<uint, IPAddress>();
        return _socket.Dump(
            DumpRequest.Routes(buffer, Rtnetlink.RTM_GETROUTE, RtnetlinkFamily.FromAddressFamily(family)),
            (in NetlinkMessage message) => RouteMessage.DecodeForDump(message, ipv4Addresses));
    }

    /// <summary>
    /// Streams every route to <paramref name="onRoute"/> in kernel order without keeping them; returns true
    /// when the kernel flagged the dump as interrupted (tables changed meanwhile; may be inconsistent).
    /// </summary>
    public bool DumpRoutes(AddressFamily family, Action<Route> onRoute)
    {
        Span<byte> buffer = stackalloc byte[DumpRequest.MaxLength];
        return _socket.DumpEach(DumpRequest.Routes(buffer, Rtnetlink.RTM_GETROUTE, RtnetlinkFamily.FromAddressFamily(family)), RouteDumpDecoder, onRoute);
    }

    public IReadOnlyList<PolicyRule> DumpRules(AddressFamily family)
    {
        Span<byte> buffer = stackalloc byte[DumpRequest.MaxLength];
        return _socket.Dump(DumpRequest.Routes(buffer, Rtnetlink.RTM_GETRULE, RtnetlinkFamily.FromAddressFamily(family)), RuleDecoder);
    }

    public IReadOnlyList<Link> DumpLinks()
    {
        Span<byte> buffer = stackalloc byte[DumpRequest.MaxLength];
        return _socket.Dump(DumpRequest.Links(buffer), LinkDecoder);
    }

    public IReadOnlyList<InterfaceAddress> DumpAddresses(AddressFamily family)
    {
        Span<byte> buffer = stackalloc byte[DumpRequest.MaxLength];
        return _socket.Dump(DumpRequest.Addresses(buffer, RtnetlinkFamily.FromAddressFamily(family)), AddressDecoder);
    }

    /// <summary>The kernel's neighbour table (ARP or neighbour discovery) for one family.</summary>
    public IReadOnlyList<Neighbour> DumpNeighbours(AddressFamily family)
    {
        Span<byte> buffer = stackalloc byte[DumpRequest.MaxLength];
        return _socket.Dump(DumpRequest.Neighbours(buffer, RtnetlinkFamily.FromAddressFamily(family)), NeighbourDecoder);
    }

    /// <summary>The link with this ifindex, or null when there is none (ENODEV).</summary>
    public Link? GetLink(int index)
    {
        Span<byte> buffer = stackalloc byte[LinkRequest.MaxLength];
        return AskLink(LinkRequest.ByIndex(buffer, index));
    }

    /// <summary>The link with this name, or null when there is none.</summary>
    public Link? GetLink(string name)
    {
        if (name.Length == 0 || name.Length > LinkRequest.MaxNameLength)
        {
            return null;
        }

        Span<byte> buffer = stackalloc byte[LinkRequest.MaxLength];
        return AskLink(LinkRequest.ByName(buffer, name));
    }

    /// <summary>Asks RTM_GETROUTE as `ip route get` does; a refusal (unreachable, prohibit…) is an outcome, not an exception.</summary>
    public RouteLookupOutcome Lookup(RouteLookupRequest request)
    {
        var inputInterface = request.InputInterface is { } iif ? ResolveInterface(iif) : (int?)null;
        var outputInterface = request.OutputInterface is { } oif ? ResolveInterface(oif) : (int?)null;
        Span<byte> buffer = stackalloc byte[RouteRequest.MaxLookupLength];
        var message = RouteRequest.EncodeLookup(buffer, 0, request, inputInterface, outputInterface);
        var route = _socket.Request(message, RouteAnswerDecoder, out var error);
        return Outcome(route, error);
    }

    /// <summary>
    /// Asks <see cref="Lookup"/>'s questions many at a time: one datagram carries them all and the replies are read
    /// back in one go, instead of a round trip each. <paramref name="outcomes"/>[i] answers <paramref name="requests"/>[i].
    /// </summary>
    public void LookupMany(ReadOnlySpan<RouteLookupRequest> requests, Span<RouteLookupOutcome> outcomes)
    {
        for (var start = 0; start < requests.Length; start += MaxLookupsInFlight)
        {
            var count = Math.Min(MaxLookupsInFlight, requests.Length - start);
            var buffer = new byte[count * RouteRequest.MaxLookupLength];
            var length = 0;
            for (var i = 0; i < count; i++)
            {
                var request = requests[start + i];
                var inputInterface = request.InputInterface is { } iif ? ResolveInterface(iif) : (int?)null;
                var outputInterface = request.OutputInterface is { } oif ? ResolveInterface(oif) : (int?)null;
                length += NetlinkConstants.Align(RouteRequest.EncodeLookup(buffer.AsSpan(length), 0, request, inputInterface, outputInterface).Length);
            }

            var routes = new Route?[count];
            var errors = new NetlinkError[count];
            _socket.RequestMany(buffer.AsSpan(0, length), RouteAnswerDecoder, routes, errors);
            for (var i = 0; i < count; i++)
            {
                outcomes[start + i] = Outcome(routes[i], errors[i]);
            }
        }
    }

    // Replies wait in the socket's receive buffer until the batch is sent: each takes a few KiB of it (skb truesize).
    private const int MaxLookupsInFlight = 32;

    private static RouteLookupOutcome Outcome(Route? route, NetlinkError error)
    {
        if (route is not null)
        {
            return new RouteLookupOutcome(route, 0, null);
        }

        var errno = error.IsAck ? LibC.EINVAL : error.Errno;
        return new RouteLookupOutcome(null, errno, PosixError.Describe(errno)) { KernelMessage = error.KernelMessage };
    }

    public void Dispose() => _socket.Dispose();

    private Link? AskLink(ReadOnlySpan<byte> request)
    {
        var link = _socket.Request(request, LinkDecoder, out var error);
        if (link is not null || error.Errno == LibC.ENODEV)
        {
            return link;
        }

        throw error.IsAck ? new NetlinkException(LibC.EINVAL, null, "the kernel acknowledged RTM_GETLINK without a link") : error.ToException();
    }

    private int ResolveInterface(string name) =>
        GetLink(name)?.Index ?? throw new UsageException($"Cannot find device \"{name}\"");
}
