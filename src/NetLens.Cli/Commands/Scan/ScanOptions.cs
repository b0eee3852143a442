using NetLens.Core.Scanning;

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

    /// <summary>--verbose: say on stderr which mechanism answered.</summary>
    public bool Verbose { get; init; }

    public string? Netns { get; init; }

    /// <summary>-sU: scan UDP ports too (or only, when no TCP scan type was named).</summary>
    public bool Udp { get; init; }

    /// <summary>A TCP scan type was named (-sT), so -sU adds UDP to it instead of replacing it.</summary>
    public bool TcpRequested { get; init; }

    /// <summary>Whether TCP ports are scanned: unless -sU stands alone.</summary>
    public bool ScanTcp => TcpRequested || !Udp;

    /// <summary>-p's UDP ports ("U:53,161", or an unqualified list); null for netlens's UDP list.</summary>
    public IReadOnlyList<int>? UdpPorts { get; init; }

    /// <summary>-oX FILE: nmap's XML there ("-" for stdout).</summary>
    public string? XmlFile { get; init; }

    /// <summary>-oN FILE: the normal output there ("-" for stdout).</summary>
    public string? NormalFile { get; init; }

    /// <summary>-oG FILE: nmap's grepable output there ("-" for stdout).</summary>
    public string? GrepableFile { get; init; }

    /// <summary>--open: show only open (and open|filtered) ports, and only the hosts that have one.</summary>
    public bool OpenOnly { get; init; }

    /// <summary>--exclude and --excludefile: hosts and blocks never probed.</summary>
    public IReadOnlyList<string> Excluded { get; init; } = [];

    /// <summary>--max-retries: retransmissions per probe at most; null keeps netlens's adaptive default.</summary>
    public int? MaxRetries { get; init; }

    /// <summary>--host-timeout: give up on a host after this long (null: never).</summary>
    public TimeSpan? HostTimeout { get; init; }

    /// <summary>How netlens was called, for the XML's args and the files' headers.</summary>
    public string CommandLine { get; init; } = "netlens scan";

    /// <summary>The most addresses one run may scan.</summary>
    public int MaxHosts { get; init; } = Core.Scanning.TargetList.DefaultMaxHosts;

    /// <summary>-sS or -sT as asked; null lets netlens choose (SYN when raw sockets open, connect otherwise).</summary>
    public TcpScanType? TcpScan { get; init; }

    /// <summary>-sn: host discovery only, no port scan.</summary>
    public bool DiscoveryOnly { get; init; }

    /// <summary>-T0…-T5.</summary>
    public int TimingLevel { get; init; } = Core.Scanning.TimingTemplate.Default;

    /// <summary>--min-rate: packets per second the scan keeps up even past the congestion window (0: none).</summary>
    public double MinRate { get; init; }

    /// <summary>--max-rate: the packet rate cap.</summary>
    public double MaxRate { get; init; } = Core.Scanning.SendRate.DefaultMaxPerSecond;

    /// <summary>Draw a progress bar on stderr (only when stderr is a terminal).</summary>
    public bool Progress { get; init; }
}
