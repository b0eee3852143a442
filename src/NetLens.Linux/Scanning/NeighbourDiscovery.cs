using System.Diagnostics;
using System.Net;
using NetLens.Core.Scanning;
using NetLens.Linux.Routing;

namespace NetLens.Linux.Scanning;

/// <summary>After discovery: hosts that answered no probe but answered ARP / neighbour discovery while probed are up.</summary>
public static class NeighbourDiscovery
{
    /// <summary>delay_first_probe_time (5 s) plus the kernel's unicast probes (3 × 1 s), with room.</summary>
    private static readonly TimeSpan CheckingWait = TimeSpan.FromSeconds(9);

    private static readonly TimeSpan CheckingPoll = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// <paramref name="statuses"/> with every down host whose neighbour entry (in <paramref name="netns"/>, the scan's
    /// namespace) was confirmed within <paramref name="window"/> turned up, with arp-response or nd-response.
    /// </summary>
    public static HostStatus[] Confirm(IReadOnlyList<IPAddress> hosts, IReadOnlyList<HostStatus> statuses, string? netns, TimeSpan window, CancellationToken cancel = default)
    {
        var result = statuses.ToArray();
        var down = Enumerable.Range(0, hosts.Count).Where(i => !statuses[i].IsUp).ToList();
        if (down.Count == 0)
        {
            return result;
        }

        using var netlink = netns is null ? RouteNetlink.Open() : RouteNetlink.OpenInNamespace(netns);
        var families = down.Select(i => hosts[i].AddressFamily).Distinct().ToList();
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var entries = families.SelectMany(family => netlink.DumpNeighbours(family)).GroupBy(n => n.Address).ToDictionary(g => g.Key, g => g.First());
            var waited = Stopwatch.GetElapsedTime(started);
            var checking = false;
            foreach (var i in down.Where(i => !result[i].IsUp))
            {
                if (!entries.TryGetValue(hosts[i], out var neighbour))
                {
                    continue;
                }

                if (NeighbourEvidence.ProvesUp(neighbour, window + waited))
                {
                    result[i] = new HostStatus(true, NeighbourEvidence.Reason(neighbour), null);
                }
                else
                {
                    checking |= (neighbour.State & NeighbourEvidence.Checking) != 0;
                }
            }

            // A stale entry that our probes used sits in DELAY, then PROBE, before the kernel asks again: wait for its answer.
            if (!checking || waited > CheckingWait || cancel.WaitHandle.WaitOne(CheckingPoll))
            {
                break;
            }
        }

        return result;
    }
}
