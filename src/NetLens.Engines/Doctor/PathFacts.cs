using System.Net;
using System.Net.Sockets;
using NetLens.Core.Doctor;
using NetLens.Core.Probing;
using NetLens.Engines.Trace;
using NetLens.Linux.Namespaces;

namespace NetLens.Engines.Doctor;

/// <summary>The path step: a short run of the trace session (a few rounds, quick), its hops cut after the destination or the first silent hop past the last answer.</summary>
internal static class PathFacts
{
    private const int Rounds = 3;
    private const int MaxHops = 16;

    public static async Task<PathFact> TraceAsync(NetworkContext context, IPAddress destination, DoctorProtocol protocol, int? port, CancellationToken cancellation)
    {
        var request = new TraceRequest
        {
            Target = destination.ToString(),
            Address = destination,
            Protocol = protocol switch { DoctorProtocol.Tcp => ProbeProtocol.Tcp, DoctorProtocol.Udp => ProbeProtocol.Udp, _ => ProbeProtocol.Icmp },
            Port = (ushort)(port ?? 33434),
            Rounds = Rounds,
            Interval = TimeSpan.FromMilliseconds(250),
            Timeout = TimeSpan.FromSeconds(1),
            MaxHops = MaxHops,
            Network = context,
        };
        using var session = TraceSession.Open(request);
        await foreach (var _ in session.RunAsync(cancellation).ConfigureAwait(false))
        {
        }

        var hops = new List<PathHop>();
        foreach (var hop in session.Hops())
        {
            var address = hop.Received > 0 && hop.Hosts.Count > 0 ? hop.Hosts[0].Address : (IPAddress?)null;
            hops.Add(new PathHop(hop.Ttl, address, hop.LossPercent, hop.ReachedDestination) { Code = hop.Code });
            if (hop.ReachedDestination)
            {
                break;
            }
        }

        var lastAnswer = hops.FindLastIndex(h => h.Address is not null);
        if (!hops.Any(h => h.Destination) && hops.Count > lastAnswer + 2)
        {
            hops.RemoveRange(lastAnswer + 2, hops.Count - lastAnswer - 2);
        }

        return new PathFact(hops, hops.Any(h => h.Destination), session.Mechanism);
    }

    /// <summary>Trace refuses some addresses (broadcast, unspecified) that doctor is asked about only by mistake.</summary>
    public static bool CanTrace(IPAddress address) =>
        !address.Equals(IPAddress.Any) && !address.Equals(IPAddress.IPv6Any) && address.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6;
}
