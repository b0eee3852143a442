using System.Net;
using NetLens.Core.Scanning;
using NetLens.Linux.Scanning;

namespace NetLens.Engines.Scan;

/// <summary>-sS: SYN probes over the raw session, many hosts at once.</summary>
internal sealed class SynPortScan(RawProbeSession session, ScanTiming limits, SendRate rate) : IPortScan
{
    public string Mechanism => ScanEngine.SynMechanism;

    public Task<IReadOnlyList<HostPorts?>> ScanAsync(IReadOnlyList<IPAddress> hosts, IReadOnlyList<TimeSpan?> rtts, IReadOnlyList<int> ports, IProgress<ScanProgress>? progress, CancellationToken cancel) =>
        Task.FromResult(new SynScanner(session).Scan(hosts, ports, TimingTemplate.ForRawProbes(limits), rate, progress is null ? null : progress.Report, cancel, rtts));
}
