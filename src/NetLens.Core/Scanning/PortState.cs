namespace NetLens.Core.Scanning;

/// <summary>The six port states exactly as nmap defines them; words come from <see cref="PortStateWords"/>.</summary>
public enum PortState
{
    /// <summary>An application accepts connections (SYN/ACK, or a completed connect).</summary>
    Open,

    /// <summary>Reachable, but nothing listens (RST, or a refused connect).</summary>
    Closed,

    /// <summary>A filter keeps the probe from telling (silence after retries, or an ICMP unreachable error).</summary>
    Filtered,

    /// <summary>Reachable, open or closed unknown (ACK scan got a RST).</summary>
    Unfiltered,

    /// <summary>Silence that open ports also give (UDP, FIN, NULL, Xmas scans).</summary>
    OpenFiltered,

    /// <summary>Closed or filtered, not told apart (IP ID idle scan).</summary>
    ClosedFiltered,
}

/// <summary>nmap's spelling of each state, as scripts parse it.</summary>
public static class PortStateWords
{
    public static string Word(this PortState state) => state switch
    {
        PortState.Open => "open",
        PortState.Closed => "closed",
        PortState.Filtered => "filtered",
        PortState.Unfiltered => "unfiltered",
        PortState.OpenFiltered => "open|filtered",
        PortState.ClosedFiltered => "closed|filtered",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };
}
