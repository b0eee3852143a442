using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using NetLens.Core.Doctor;
using NetLens.Linux.Namespaces;
using NetLens.Linux.Probes;

namespace NetLens.Engines.Doctor;

/// <summary>
/// The mtu step: DF echo requests of the route's MTU, then bisected down, and the kernel's cached path MTU (IP_MTU on a
/// connected socket), which a frag-needed lowers. One full-size probe when the path carries it, so the fast path stays fast.
/// </summary>
internal static class MtuFacts
{
    private const int SOL_IP = 0;
    private const int IP_MTU = 14;
    private const int IpAndIcmpHeaders = 28;

    /// <summary>The smallest packet every IPv4 path carries (RFC 791), where the bisection starts.</summary>
    private const int Smallest = 576;

    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromMilliseconds(500);

    public static (MtuFact? Fact, string? Why) Measure(NetworkContext context, IPAddress destination, CancellationToken cancellation)
    {
        if (destination.AddressFamily != AddressFamily.InterNetwork)
        {
            return (null, "DF probes are IPv4 only for now");
        }

        if (RouteMtu(context, destination) is not { } outgoing)
        {
            return (null, "cannot read the route's MTU (IP_MTU)");
        }

        var first = Probe(context, destination, outgoing, cancellation);
        if (first.Failure is { } failure && !first.Replied && failure.StartsWith("cannot", StringComparison.Ordinal))
        {
            return (null, failure);
        }

        if (first.Replied)
        {
            return (new MtuFact(outgoing, outgoing, null, null, null, null, null), null);
        }

        // A frag-needed that came back lowered the kernel's cached path MTU for this destination.
        if (RouteMtu(context, destination) is { } cached && cached < outgoing)
        {
            var passed = Probe(context, destination, cached, cancellation).Replied ? cached : (int?)null;
            return (new MtuFact(outgoing, passed, null, null, null, cached, null), null);
        }

        if (!Probe(context, destination, Smallest, cancellation).Replied)
        {
            return (new MtuFact(outgoing, null, outgoing, null, null, null, null), null);
        }

        var (low, high) = (Smallest, outgoing);
        while (high - low > 1)
        {
            var middle = (low + high) / 2;
            (low, high) = Probe(context, destination, middle, cancellation).Replied ? (middle, high) : (low, middle);
        }

        return (new MtuFact(outgoing, low, high, null, null, null, null), null);
    }

    private static EchoProbeResult Probe(NetworkContext context, IPAddress destination, int size, CancellationToken cancellation) =>
        EchoProbe.Send(new EchoProbeRequest(destination)
        {
            Payload = new byte[Math.Max(0, size - IpAndIcmpHeaders)],
            DontFragment = true,
            Timeout = ProbeTimeout,
        }, context, cancellation);

    /// <summary>The MTU the kernel would use toward the destination: the device's, or the cached path MTU when lower.</summary>
    private static int? RouteMtu(NetworkContext context, IPAddress destination) => context.Run(() =>
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Connect(new IPEndPoint(destination, 9));
            var value = new byte[4];
            socket.GetRawSocketOption(SOL_IP, IP_MTU, value);
            return (int?)BinaryPrimitives.ReadInt32LittleEndian(value);
        }
        catch (SocketException)
        {
            return null;
        }
    });
}
