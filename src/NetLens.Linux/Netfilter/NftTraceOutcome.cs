namespace NetLens.Linux.Netfilter;

/// <summary>Which of a namespace's trace events decided the probe's fate.</summary>
public static class NftTraceOutcome
{
    /// <summary>
    /// The deciding event, leaving out netlens's own table: the first drop (the packet ends there) of the first dropped
    /// packet; when none was dropped, the last accept of the first packet (a later hook could still have dropped it, so
    /// the last word counts). Null when no other table's chain gave a verdict.
    /// </summary>
    public static NftTraceEvent? Decide(IEnumerable<NftTraceEvent> events, string ownTable)
    {
        var packets = events.Where(e => e.Table != ownTable).GroupBy(e => e.Id).ToList();
        foreach (var packet in packets)
        {
            if (packet.FirstOrDefault(IsDrop) is { } drop)
            {
                return drop;
            }
        }

        return packets.Select(p => p.LastOrDefault(IsAccept)).FirstOrDefault(e => e is not null);
    }

    public static bool IsDrop(NftTraceEvent trace) => trace.Decision is { } verdict && NftTraceEvent.VerdictWord(verdict) == "drop";

    public static bool IsAccept(NftTraceEvent trace) => trace.Decision is { } verdict && verdict >= 0 && (verdict & 0xff) == 1;
}
