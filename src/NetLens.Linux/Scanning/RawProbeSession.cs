using System.Net;
using System.Net.Sockets;
using NetLens.Linux.Namespaces;

namespace NetLens.Linux.Scanning;

/// <summary>
/// What raw probing to many hosts shares: one <see cref="RawProbeChannel"/> per address family, and a few reserved TCP
/// source ports per family (retries rotate through them). Each port is held by a bound, never listening TCP socket, so
/// no connection of this machine takes it while the scan runs; the kernel still answers our targets' SYN/ACKs with RST
/// (it knows no connection on that port), which closes their half-open connections, as nmap's SYN scan does.
/// </summary>
public sealed class RawProbeSession : IDisposable
{
    private readonly string? _netns;
    private readonly Dictionary<AddressFamily, Family> _families = [];
    private readonly Dictionary<IPAddress, IPAddress?> _sources = [];

    public RawProbeSession(string? netns, uint key)
    {
        _netns = netns;
        Key = key;
    }

    /// <summary>Scrambles the numbers probes carry (<see cref="Core.Scanning.SynProbeTag"/>); random per run.</summary>
    public uint Key { get; }

    public IReadOnlyList<RawProbeChannel> Channels => [.. _families.Values.Select(f => f.Channel)];

    /// <summary>The family's channel and source port, opened on first use.</summary>
    /// <summary>Source ports reserved per family: as many attempts in a row leave from distinct ports.</summary>
    public const int SourcePortCount = 4;

    public (RawProbeChannel Channel, ushort[] SourcePorts) For(AddressFamily family)
    {
        if (!_families.TryGetValue(family, out var opened))
        {
            opened = Open(family);
            _families[family] = opened;
        }

        return (opened.Channel, opened.SourcePorts);
    }

    /// <summary>
    /// The address the kernel puts on packets to <paramref name="target"/> (its route's preferred source): a UDP socket
    /// is connected, which picks the route and sends nothing. The TCP checksum covers it, so it must be exact.
    /// </summary>
    public IPAddress SourceFor(IPAddress target) =>
        TrySourceFor(target) ?? throw new IOException($"no route to {target} (network is unreachable)");

    /// <summary>As <see cref="SourceFor"/>, null when no route leads to <paramref name="target"/>.</summary>
    public IPAddress? TrySourceFor(IPAddress target)
    {
        if (!_sources.TryGetValue(target, out var source))
        {
            source = _netns is null ? RouteSource(target) : NetworkContext.For(_netns).Run(() => RouteSource(target));
            _sources[target] = source;
        }

        return source;
    }

    public void Dispose()
    {
        foreach (var family in _families.Values)
        {
            family.Channel.Dispose();
            foreach (var reservation in family.Reservations)
            {
                reservation.Dispose();
            }
        }
    }

    private static IPAddress? RouteSource(IPAddress target)
    {
        using var socket = new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Connect(new IPEndPoint(target, 9));
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.NetworkUnreachable or SocketError.HostUnreachable)
        {
            return null;
        }

        return ((IPEndPoint)socket.LocalEndPoint!).Address;
    }

    private Family Open(AddressFamily family)
    {
        var channel = RawProbeChannel.Open(family, _netns);
        var reservations = new List<Socket>();
        try
        {
            for (var i = 0; i < SourcePortCount; i++)
            {
                reservations.Add(_netns is null ? Reserve(family) : NetworkContext.For(_netns).Run(() => Reserve(family)));
            }

            return new Family(channel, reservations, [.. reservations.Select(r => (ushort)((IPEndPoint)r.LocalEndPoint!).Port)]);
        }
        catch
        {
            channel.Dispose();
            reservations.ForEach(r => r.Dispose());
            throw;
        }
    }

    private static Socket Reserve(AddressFamily family)
    {
        var socket = new Socket(family, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0));
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private sealed record Family(RawProbeChannel Channel, IReadOnlyList<Socket> Reservations, ushort[] SourcePorts);
}
