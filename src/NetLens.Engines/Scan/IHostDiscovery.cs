using System.Net;
using NetLens.Linux.Scanning;

namespace NetLens.Engines.Scan;

/// <summary>Is each host up? One shape for raw probes, connect probes and -Pn.</summary>
internal interface IHostDiscovery
{
    /// <summary>A status per host, in order; null for a host not decided when <paramref name="cancel"/> fired.</summary>
    Task<IReadOnlyList<HostStatus?>> DiscoverAsync(IReadOnlyList<IPAddress> hosts, CancellationToken cancel);
}
