using System.Net;
using NetLens.Core.Scanning;

namespace NetLens.Linux.Scanning;

/// <summary>Is the host up? Unprivileged, as nmap does without raw sockets: connect to 80 and 443; an accept or a refusal proves it.</summary>
public static class HostDiscovery
{
    public static readonly int[] ProbePorts = [80, 443];

    public static async Task<(bool IsUp, PortReason Reason, TimeSpan? Latency)> ConnectPingAsync(ConnectScanner scanner, IPAddress address, ScanTiming limits, CancellationToken cancel)
    {
        var found = await scanner.ScanAsync(address, ProbePorts, limits with { MaxRetries = Math.Min(limits.MaxRetries, 1) }, cancel).ConfigureAwait(false);
        foreach (var port in found.Ports)
        {
            if (port.State is PortState.Open or PortState.Closed)
            {
                return (true, port.Reason, found.SmoothedRtt);
            }
        }

        return (false, PortReason.NoResponse, null);
    }
}
