namespace NetLens.Core.Scanning;

/// <summary>
/// A state left out of the table, with how many ports had it and why; <see cref="Protocols"/> splits the same by protocol
/// (nmap: "104 closed udp ports (port-unreach), 99 closed tcp ports (reset)").
/// </summary>
public sealed record HiddenState(PortState State, int Count, IReadOnlyList<(PortReason Reason, int Count)> Reasons)
{
    public IReadOnlyList<HiddenProtocol> Protocols { get; init; } = [];
}

/// <summary>One protocol's share of a hidden state, largest first, and the ports themselves (XML's extrareasons list them).</summary>
public sealed record HiddenProtocol(PortProtocol Protocol, int Count, IReadOnlyList<(PortReason Reason, int Count)> Reasons, IReadOnlyList<PortResult> Ports);

/// <summary>
/// nmap's table rule: a state more than <see cref="MaxShownPerState"/> ports hold (counted over all protocols) is summed up
/// in "Not shown" instead of listed; open ports always show. Shown ports come TCP first, then UDP, each by number.
/// With --open only open and open|filtered ports are listed and every other state is summed up, however few hold it.
/// </summary>
public sealed record PortListing(IReadOnlyList<PortResult> Shown, IReadOnlyList<HiddenState> Hidden)
{
    public const int MaxShownPerState = 25;

    public static PortListing From(IReadOnlyList<PortResult> ports, bool openOnly = false)
    {
        var hiddenStates = ports.GroupBy(p => p.State)
            .Where(g => g.Key != PortState.Open && (openOnly ? g.Key != PortState.OpenFiltered : g.Count() > MaxShownPerState))
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key)
            .ToList();
        var hidden = hiddenStates
            .Select(g => new HiddenState(g.Key, g.Count(), Reasons(g))
            {
                Protocols = [.. g.GroupBy(p => p.Protocol)
                    .OrderByDescending(p => p.Count())
                    .ThenBy(p => p.Key)
                    .Select(p => new HiddenProtocol(p.Key, p.Count(), Reasons(p), [.. p.OrderBy(r => r.Port)]))],
            })
            .ToList();
        var hiddenSet = hiddenStates.Select(g => g.Key).ToHashSet();
        return new PortListing([.. ports.Where(p => !hiddenSet.Contains(p.State)).OrderBy(p => p.Protocol).ThenBy(p => p.Port)], hidden);
    }

    /// <summary>--open's test: the states nmap counts as open "or possibly open".</summary>
    public static bool IsOpenish(PortState state) => state is PortState.Open or PortState.OpenFiltered;

    private static List<(PortReason Reason, int Count)> Reasons(IEnumerable<PortResult> ports) =>
        [.. ports.GroupBy(p => p.Reason).OrderByDescending(r => r.Count()).ThenBy(r => r.Key).Select(r => (r.Key, r.Count()))];
}
