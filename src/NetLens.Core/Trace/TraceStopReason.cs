namespace NetLens.Core.Trace;

/// <summary>Why a trace's hops end where they do: the destination answered, or what stopped the probes short of it.</summary>
public enum TraceStopReason
{
    /// <summary>The target itself answered.</summary>
    DestinationReached,

    /// <summary>The last hop that answered said the target cannot be reached (ICMP host, net or admin unreachable).</summary>
    Unreachable,

    /// <summary>Nothing answered past the last hop shown: a run of <see cref="TraceStop.MaxUnknown"/> silent TTLs, as mtr gives up.</summary>
    SilentHops,

    /// <summary>Hops kept answering up to the highest TTL probed (--max-hops) without the target.</summary>
    MaxHops,

    /// <summary>The user stopped the trace before the target answered.</summary>
    Interrupted,
}

/// <summary>Reads why a trace ended from its hops.</summary>
public static class TraceStop
{
    /// <summary>mtr's --max-unknown default: this many silent TTLs in a row past the last answer end a round.</summary>
    public const int MaxUnknown = 5;

    public static TraceStopReason Of(IReadOnlyList<HopReport> hops, int maxHops, bool interrupted)
    {
        if (hops.Any(h => h.ReachedDestination))
        {
            return TraceStopReason.DestinationReached;
        }

        if (interrupted)
        {
            return TraceStopReason.Interrupted;
        }

        var last = hops.LastOrDefault(h => h.Received > 0);
        if (last is { Unreachable: true })
        {
            return TraceStopReason.Unreachable;
        }

        return last is not null && last.Ttl >= maxHops ? TraceStopReason.MaxHops : TraceStopReason.SilentHops;
    }
}
