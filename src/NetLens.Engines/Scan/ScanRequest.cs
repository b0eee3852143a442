using NetLens.Core.Scanning;
using NetLens.Linux.Namespaces;

namespace NetLens.Engines.Scan;

/// <summary>One scan as a value: which hosts, which ports, how, and where (the namespace); the flags mean what nmap's do.</summary>
public sealed record ScanRequest
{
    /// <summary>The targets as parsed (names are resolved as the hosts are listed).</summary>
    public required IReadOnlyList<TargetSpec> Targets { get; init; }

    /// <summary>--exclude: hosts and blocks (names resolved as the targets' are) never probed.</summary>
    public IReadOnlyList<TargetSpec> Excluded { get; init; } = [];

    /// <summary>--max-retries: retransmissions per probe at most (also under measured loss); null keeps the template's.</summary>
    public int? MaxRetries { get; init; }

    /// <summary>--host-timeout: a host whose ports take longer is given up and reported so, without its ports; null for no limit.</summary>
    public TimeSpan? HostTimeout { get; init; }

    /// <summary>The TCP ports to scan on every host that is up; empty for none.</summary>
    public IReadOnlyList<int> TcpPorts { get; init; } = [];

    /// <summary>The UDP ports to scan on every host that is up; empty for none.</summary>
    public IReadOnlyList<int> UdpPorts { get; init; } = [];

    /// <summary>TCP is part of the scan, so its mechanism is named (false for -sU alone).</summary>
    public bool ScanTcp { get; init; } = true;

    /// <summary>SYN or connect as asked; null chooses (SYN when raw sockets open, connect otherwise).</summary>
    public TcpScanType? TcpScan { get; init; }

    /// <summary>-sn: discovery only.</summary>
    public bool DiscoveryOnly { get; init; }

    /// <summary>-Pn: every host counts as up.</summary>
    public bool SkipDiscovery { get; init; }

    /// <summary>-T0…-T5.</summary>
    public int TimingLevel { get; init; } = TimingTemplate.Default;

    /// <summary>Packets per second kept up past the congestion window (0: none).</summary>
    public double MinRate { get; init; }

    /// <summary>The packet rate cap.</summary>
    public double MaxRate { get; init; } = SendRate.DefaultMaxPerSecond;

    /// <summary>The most addresses the targets may hold together.</summary>
    public int MaxHosts { get; init; } = TargetList.DefaultMaxHosts;

    /// <summary>The network namespace the scan runs in.</summary>
    public NetworkContext Network { get; init; } = NetworkContext.Current;
}
