using System.Net;
using NetLens.Core.Scanning;
using NetLens.Linux.Scanning;

namespace NetLens.Engines.Scan;

/// <summary>One protocol's port scan of many hosts: one shape for SYN, connect and UDP.</summary>
internal interface IPortScan
{
    /// <summary>The word nmap's XML and netlens's JSON use for it (syn, connect, udp).</summary>
    string Mechanism { get; }

    /// <summary>
    /// Each host's ports, in order; <paramref name="rtts"/> are what discovery measured (seeds for the timeouts). When
    /// <paramref name="cancel"/> fires: the ports settled so far, null for a host not started.
    /// </summary>
    Task<IReadOnlyList<HostPorts?>> ScanAsync(IReadOnlyList<IPAddress> hosts, IReadOnlyList<TimeSpan?> rtts, IReadOnlyList<int> ports, IProgress<ScanProgress>? progress, CancellationToken cancel);
}
