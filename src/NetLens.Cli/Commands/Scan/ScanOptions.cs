namespace NetLens.Cli.Commands.Scan;

/// <summary>`netlens scan` as typed values; the flags mean what nmap's do.</summary>
public sealed record ScanOptions
{
    public required IReadOnlyList<string> Targets { get; init; }

    /// <summary>-p's ports; null for the default list (or --top / -F).</summary>
    public IReadOnlyList<int>? Ports { get; init; }

    /// <summary>How many of netlens's ranked ports to scan when -p is not given: 1000, or 100 with -F.</summary>
    public int Top { get; init; } = 1000;

    /// <summary>-Pn: skip discovery and scan every host as if up.</summary>
    public bool SkipDiscovery { get; init; }

    /// <summary>--reason: a REASON column.</summary>
    public bool Reason { get; init; }

    public bool Json { get; init; }

    public string? Netns { get; init; }

    /// <summary>The most addresses one run may scan.</summary>
    public int MaxHosts { get; init; } = Core.Scanning.TargetList.DefaultMaxHosts;
}
