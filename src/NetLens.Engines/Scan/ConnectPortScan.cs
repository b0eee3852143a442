using System.Diagnostics;
using System.Net;
using NetLens.Core.Scanning;
using NetLens.Linux.Scanning;

namespace NetLens.Engines.Scan;

/// <summary>-sT: the kernel's connect(), one host after another, each with many connects in flight.</summary>
internal sealed class ConnectPortScan(ConnectScanner scanner, ScanTiming limits) : IPortScan
{
    public string Mechanism => ScanEngine.ConnectMechanism;

    public async Task<IReadOnlyList<HostPorts?>> ScanAsync(IReadOnlyList<IPAddress> hosts, IReadOnlyList<TimeSpan?> rtts, IReadOnlyList<int> ports, IProgress<ScanProgress>? progress, CancellationToken cancel)
    {
        var results = new HostPorts?[hosts.Count];
        var total = (long)ports.Count * hosts.Count;
        long settledBefore = 0;
        long sentBefore = 0;
        var scanStart = Stopwatch.GetTimestamp();
        for (var i = 0; i < hosts.Count && !cancel.IsCancellationRequested; i++)
        {
            var (settledDone, sentDone) = (settledBefore, sentBefore);
            Action<int, long>? report = progress is null ? null : (settled, sent) =>
            {
                sentBefore = sentDone + sent;
                progress.Report(new ScanProgress(settledDone + settled, total, sentDone + sent, Stopwatch.GetElapsedTime(scanStart)));
            };
            results[i] = await scanner.ScanAsync(hosts[i], ports, limits, cancel, report).ConfigureAwait(false);
            settledBefore += results[i]!.Ports.Count;
        }

        return results;
    }
}
