namespace NetLens.Core.Scanning;

/// <summary>A state left out of the table, with how many ports had it and why.</summary>
public sealed record HiddenState(PortState State, int Count, IReadOnlyList<(PortReason Reason, int Count)> Reasons);

/// <summary>nmap's table rule: a state more than <see cref="MaxShownPerState"/> ports hold is summed up in "Not shown" instead of listed; open ports always show.</summary>
public sealed record PortListing(IReadOnlyList<PortResult> Shown, IReadOnlyList<HiddenState> Hidden)
{
    public const int MaxShownPerState = 25;

    public static PortListing From(IReadOnlyList<PortResult> ports)
    {
        var hiddenStates = ports.GroupBy(p => p.State)
            .Where(g => g.Key != PortState.Open && g.Count() > MaxShownPerState)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key)
            .ToList();
        var hidden = hiddenStates
            .Select(g => new HiddenState(
                g.Key,
                g.Count(),
                [.. g.GroupBy(p => p.Reason).OrderByDescending(r => r.Count()).ThenBy(r => r.Key).Select(r => (r.Key, r.Count()))]))
            .ToList();
        var hiddenSet = hiddenStates.Select(g => g.Key).ToHashSet();
        return new PortListing([.. ports.Where(p => !hiddenSet.Contains(p.State)).OrderBy(p => p.Port)], hidden);
    }
}
