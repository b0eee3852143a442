using System.Net;
using NetLens.Core.Probing;

namespace NetLens.Core.Trace;

/// <summary>Everything known about one TTL of a trace: mtr's columns plus the addresses that answered.</summary>
public sealed class HopStatistics(int ttl)
{
    private readonly List<(IPAddress Address, int Replies, SortedSet<int> Flows)> _hosts = [];
    private readonly Dictionary<IPAddress, IReadOnlyList<MplsLabel>> _mpls = [];

    public int Ttl { get; } = ttl;
    public int Sent { get; private set; }
    public int Received => Rtt.Count;
    public RttAccumulator Rtt { get; } = new();

    /// <summary>The target itself answered at this TTL.</summary>
    public bool ReachedDestination { get; private set; }

    /// <summary>A router here answered that the target cannot be reached.</summary>
    public bool Unreachable { get; private set; }

    /// <summary>The code of the newest unreachable answer here; null when none came.</summary>
    public UnreachableCode? Code { get; private set; }

    /// <summary>mtr's Loss%: share of probes sent to this TTL that got no reply.</summary>
    public double LossPercent => Sent == 0 ? 0 : 100.0 * (Sent - Received) / Sent;

    /// <summary>Responding addresses in the order first seen (mtr lists the first as the hop's name).</summary>
    public IReadOnlyList<HopHost> Hosts => [.. _hosts.Select(h => new HopHost(h.Address, h.Replies, Received == 0 ? 0 : 100.0 * h.Replies / Received)
    {
        Mpls = _mpls.GetValueOrDefault(h.Address, []),
        Flows = [.. h.Flows],
    })];

    public void Add(ProbeResult probe)
    {
        if (probe.Ttl != Ttl)
        {
            throw new ArgumentException($"a probe with TTL {probe.Ttl} does not belong to hop {Ttl}", nameof(probe));
        }

        Sent++;
        if (!probe.Answered)
        {
            return;
        }

        Rtt.Add(probe.RttMs);
        ReachedDestination |= probe.Outcome == ProbeOutcome.DestinationReached;
        Unreachable |= probe.Outcome == ProbeOutcome.Unreachable;
        if (probe.Outcome == ProbeOutcome.Unreachable && probe.Code is { } code)
        {
            Code = code;
        }

        if (probe.Responder is { } responder)
        {
            if (probe.Mpls.Count > 0)
            {
                _mpls[responder] = probe.Mpls;
            }

            var index = _hosts.FindIndex(h => h.Address.Equals(responder));
            if (index < 0)
            {
                _hosts.Add((responder, 1, [probe.Flow]));
            }
            else
            {
                _hosts[index].Flows.Add(probe.Flow);
                _hosts[index] = (responder, _hosts[index].Replies + 1, _hosts[index].Flows);
            }
        }
    }
}
