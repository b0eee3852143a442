using System.Globalization;
using NetLens.Core.Trace;

namespace NetLens.Cli.Output.Trace;

/// <summary>Why a trace ended, in JSON's and CSV's word and the report's sentence.</summary>
public static class TraceStopWords
{
    public static string Snake(TraceStopReason reason) => reason switch
    {
        TraceStopReason.DestinationReached => "destination_reached",
        TraceStopReason.Unreachable => "unreachable",
        TraceStopReason.SilentHops => "silent_hops",
        TraceStopReason.MaxHops => "max_hops",
        TraceStopReason.Interrupted => "interrupted",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    /// <summary>The line after the report's table; null when the destination answered.</summary>
    public static string? NotReached(TraceRun run, int maxHops)
    {
        if (run.Reached)
        {
            return null;
        }

        var last = run.Hops.LastOrDefault(h => h.Received > 0);
        var target = run.Target == run.Address.ToString() ? run.Target : $"{run.Target} ({run.Address})";
        var why = run.StopReason switch
        {
            TraceStopReason.Unreachable when last is not null => string.Create(CultureInfo.InvariantCulture, $"hop {last.Ttl} ({last.Hosts[0].Address}) answered that it cannot be reached"),
            TraceStopReason.MaxHops => string.Create(CultureInfo.InvariantCulture, $"hops still answered at the highest TTL probed ({maxHops}, --max-hops)"),
            TraceStopReason.Interrupted => "the trace was interrupted first",
            _ when last is null => "nothing on the path answered",
            _ => string.Create(CultureInfo.InvariantCulture, $"nothing answered past hop {last.Ttl} ({last.Hosts[0].Address}); the probes stop after {TraceStop.MaxUnknown} silent hops, as mtr's do"),
        };
        return $"Destination {target} not reached: {why}.";
    }
}
