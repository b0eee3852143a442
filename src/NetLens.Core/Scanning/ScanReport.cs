using System.Net;

namespace NetLens.Core.Scanning;

/// <summary>A whole scan: every host asked about, in target order, and how long it took.</summary>
public sealed record ScanReport(IReadOnlyList<HostScanResult> Hosts, TimeSpan Elapsed, string Mechanism)
{
    public int HostsUp => Hosts.Count(h => h.IsUp);

    /// <summary>--open: only open (and open|filtered) ports are listed, and only hosts that have one.</summary>
    public bool OpenOnly { get; init; }

    /// <summary>
    /// The hosts the outputs print: those up, and with --open those with an open port (nmap leaves the others out of
    /// every output; a discovery-only run, which scans no port, keeps every host up).
    /// </summary>
    public IEnumerable<HostScanResult> ShownHosts => Hosts.Where(h => h.IsUp && (!OpenOnly || h.Ports.Count == 0 || h.Ports.Any(p => PortListing.IsOpenish(p.State))));

    /// <summary>The table and "Not shown" summary of one host, as --open asks.</summary>
    public PortListing Listing(HostScanResult host) => PortListing.From(host.Ports, OpenOnly);

    /// <summary>How the TCP part probed (connect, syn, or raw for discovery alone); null when no TCP was scanned.</summary>
    public string? TcpMechanism { get; init; }

    /// <summary>The user asked to stop: <see cref="Hosts"/> holds what was settled by then (hosts never decided are left out).</summary>
    public bool Interrupted { get; init; }

    /// <summary>Target addresses never probed because the kernel knows them as broadcast addresses of this machine's links.</summary>
    public IReadOnlyList<IPAddress> SkippedBroadcasts { get; init; } = [];
}
