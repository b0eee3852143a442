namespace NetLens.Core.KernelDrops;

/// <summary>
/// One line of a trace instance's `trace` file for skb:kfree_skb, as the print fmt writes it:
/// `… kfree_skb: skbaddr=… rx_sk=… protocol=2048 location=nf_hook_slow+0x8d/0x100 reason: NETFILTER_DROP`.
/// </summary>
public static class KfreeSkbLine
{
    /// <summary>The reason and the function that freed the packet (offset and size cut off), or null for a line of another kind.</summary>
    public static (string Reason, string Location)? Parse(string line)
    {
        var marker = line.IndexOf("kfree_skb:", StringComparison.Ordinal);
        if (marker < 0)
        {
            return null;
        }

        var reasonAt = line.IndexOf(" reason: ", marker, StringComparison.Ordinal);
        var locationAt = line.IndexOf(" location=", marker, StringComparison.Ordinal);
        if (reasonAt < 0 || locationAt < 0)
        {
            return null;
        }

        var reason = line[(reasonAt + " reason: ".Length)..].Trim();
        var location = line[(locationAt + " location=".Length)..];
        var end = location.IndexOfAny([' ', '+']);
        location = end < 0 ? location : location[..end];
        return reason.Length == 0 ? null : (reason, location);
    }

    /// <summary>Every drop line of a trace, counted by reason and location, the most frequent first.</summary>
    public static IReadOnlyList<Doctor.KernelDrop> Tally(IEnumerable<string> lines) =>
        [.. lines.Select(Parse).OfType<(string Reason, string Location)>()
            .GroupBy(d => d)
            .Select(g => new Doctor.KernelDrop(g.Key.Reason, g.Key.Location, g.Count()))
            .OrderByDescending(d => d.Count).ThenBy(d => d.Reason, StringComparer.Ordinal)];
}
