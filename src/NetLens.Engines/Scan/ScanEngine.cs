using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using NetLens.Core;
using NetLens.Core.Scanning;
using NetLens.Engines.Context;
using NetLens.Linux.Probes;
using NetLens.Linux.Scanning;

namespace NetLens.Engines.Scan;

/// <summary>
/// `scan` as an engine: host discovery, then the TCP scan (SYN or connect) and the UDP scan of the hosts that are up,
/// merged into one <see cref="ScanReport"/>. Commands, doctor and serve call it alike. A cancellation (the user's
/// Ctrl-C) ends it early with what was settled, marked interrupted, instead of an exception.
/// </summary>
public static class ScanEngine
{
    public const string ConnectMechanism = "connect";
    public const string SynMechanism = "syn";

    /// <summary>-sn with raw probes: discovery only, no SYN scan.</summary>
    public const string RawDiscoveryMechanism = "raw";

    public const string UdpMechanism = "udp";

    /// <summary>Hosts discovered and scanned together: what is in flight, so memory follows this, not the block's size.</summary>
    public const int HostsPerRound = 4096;

    /// <summary>
    /// Checks what can fail before anything is sent (the host cap, a route to the targets, the privilege -sS needs) and
    /// returns the scan ready to run; the caller may open its output files in between.
    /// </summary>
    public static PreparedScan Prepare(ScanRequest request)
    {
        request = request with { Targets = [.. request.Targets.Select(spec => WithZone(spec, request))] };
        var targets = new ScanTargets(request);
        return new PreparedScan(request, targets, UseRawSockets(request, targets));
    }

    public static Task<ScanReport> RunAsync(ScanRequest request, IProgress<ScanProgress>? progress, CancellationToken cancel) =>
        Prepare(request).RunAsync(progress, cancel);

    /// <summary>
    /// A typed zone (fe80::1%eth0) looked up in the scan's namespace: a known one becomes the probes' scope id, an unknown
    /// one is bad input before anything is sent (the system's parser would look in this process's namespace, and drop
    /// a name it does not know).
    /// </summary>
    private static TargetSpec WithZone(TargetSpec spec, ScanRequest request) =>
        !spec.IsName && spec.Text.Contains('%', StringComparison.Ordinal) && AddressZone.Resolve(spec.Text, request.Network) is { } link
            ? spec.InZone(link.Index)
            : spec;

    /// <summary>-sS demands raw sockets, -sT refuses them, and by default they are used when this process may open them (CAP_NET_RAW).</summary>
    private static bool UseRawSockets(ScanRequest request, ScanTargets targets)
    {
        if (request.TcpScan == TcpScanType.Connect && !request.DiscoveryOnly)
        {
            return false;
        }

        var canRaw = ProbeCapabilities.Detect(targets.FirstFamily, request.Network.Netns).RawSocket;
        if (!canRaw && request.TcpScan == TcpScanType.Syn)
        {
            throw new MissingPrivilegeException(
                "a SYN scan (-sS) needs raw sockets, which this process may not open (CAP_NET_RAW)",
                "run it with sudo, or grant the capability: sudo setcap cap_net_raw+ep \"$(command -v netlens)\"; -sT scans without privilege");
        }

        return canRaw;
    }
}

/// <summary>A scan checked and ready: <see cref="RunAsync"/> probes.</summary>
public sealed class PreparedScan
{
    private readonly ScanRequest _request;
    private readonly ScanTargets _targets;

    internal PreparedScan(ScanRequest request, ScanTargets targets, bool raw)
    {
        _request = request;
        _targets = targets;
        Raw = raw;
    }

    /// <summary>Raw sockets (discovery probes and SYN) rather than connect().</summary>
    public bool Raw { get; }

    /// <summary>connect, syn, or raw (discovery alone over raw sockets).</summary>
    public string TcpMechanism => !Raw ? ScanEngine.ConnectMechanism : _request.DiscoveryOnly ? ScanEngine.RawDiscoveryMechanism : ScanEngine.SynMechanism;

    public async Task<ScanReport> RunAsync(IProgress<ScanProgress>? progress, CancellationToken cancel)
    {
        var start = Stopwatch.GetTimestamp();
        var request = _request;
        var limits = TimingTemplate.For(request.TimingLevel);
        if (request.MaxRetries is { } retries)
        {
            // nmap's --max-retries is a cap, not a count: fewer retries when nothing is lost, and the extra ones under measured loss stop there too
            limits = limits with { MaxRetries = Math.Min(limits.MaxRetries, retries), MaxRetriesUnderLoss = retries };
        }

        limits = limits with { HostTimeout = request.HostTimeout };
        var network = request.Network;
        using var session = Raw ? new RawProbeSession(network.Netns, BitConverter.ToUInt32(RandomNumberGenerator.GetBytes(sizeof(uint)))) : null;
        IHostDiscovery discovery;
        IPortScan tcp;
        if (session is not null)
        {
            var rate = new SendRate(request.MaxRate, request.MinRate);
            discovery = new RawDiscovery(session, limits, rate, network, request.SkipDiscovery);
            tcp = new SynPortScan(session, limits, rate);
        }
        else
        {
            var scanner = new ConnectScanner(ScanSockets.Factory(network.Netns), FileDescriptorBudget.ForScan());
            discovery = new ConnectDiscovery(scanner, limits, network, request.SkipDiscovery);
            tcp = new ConnectPortScan(scanner, limits);
        }

        var tcpPorts = request.DiscoveryOnly ? [] : request.TcpPorts;
        var udpPorts = request.DiscoveryOnly ? [] : request.UdpPorts;
        IPortScan? udp = udpPorts.Count > 0 ? new UdpPortScan(new UdpScanner(UdpScanSockets.Factory(network.Netns), FileDescriptorBudget.ForScan()), limits) : null;
        var results = new List<HostScanResult>();
        var hosts = request.Targets.Aggregate(UInt128.Zero, (sum, t) => sum + t.Count);
        var meter = new ScanProgressMeter((long)UInt128.Min(hosts, long.MaxValue / 65536), tcpPorts.Count);
        foreach (var round in _targets.Rounds(ScanEngine.HostsPerRound))
        {
            if (cancel.IsCancellationRequested)
            {
                break;
            }

            await ScanRoundAsync(round, discovery, tcp, tcpPorts, udp, udpPorts, progress, meter, results, cancel).ConfigureAwait(false);
            meter.EndRound();
        }

        string[] mechanisms = [.. request.ScanTcp || request.DiscoveryOnly ? [TcpMechanism] : Array.Empty<string>(), .. udp is not null ? [ScanEngine.UdpMechanism] : Array.Empty<string>()];
        return new ScanReport(results, Stopwatch.GetElapsedTime(start), string.Join('+', mechanisms))
        {
            TcpMechanism = TcpMechanism,
            Interrupted = cancel.IsCancellationRequested,
            SkippedBroadcasts = [.. _targets.Skipped],
        };
    }

    private static async Task ScanRoundAsync(
        List<ScanHost> hosts,
        IHostDiscovery discovery,
        IPortScan tcp,
        IReadOnlyList<int> tcpPorts,
        IPortScan? udp,
        IReadOnlyList<int> udpPorts,
        IProgress<ScanProgress>? progress,
        ScanProgressMeter meter,
        List<HostScanResult> results,
        CancellationToken cancel)
    {
        IReadOnlyList<IPAddress> addresses = [.. hosts.Select(h => h.Address)];
        var statuses = await discovery.DiscoverAsync(addresses, cancel).ConfigureAwait(false);
        var up = Enumerable.Range(0, hosts.Count).Where(i => statuses[i] is { IsUp: true }).ToList();
        IReadOnlyList<IPAddress> upAddresses = [.. up.Select(i => addresses[i])];
        meter.StartRound(hosts.Count, hosts.Count - up.Count);
        var overall = progress is null ? null : new Progress<ScanProgress>(round => progress.Report(meter.Overall(round)));
        var tcpFound = tcpPorts.Count > 0 && up.Count > 0
            ? await tcp.ScanAsync(upAddresses, [.. up.Select(i => statuses[i]!.Value.Latency)], tcpPorts, overall, cancel).ConfigureAwait(false)
            : null;
        // a host given up during its TCP scan is not scanned again for UDP: --host-timeout is per host, not per protocol
        var udpHosts = Enumerable.Range(0, up.Count).Where(u => tcpFound?[u] is not { TimedOut: true }).ToList();
        var udpSome = udp is not null && udpHosts.Count > 0
            ? await udp.ScanAsync([.. udpHosts.Select(u => upAddresses[u])], [.. udpHosts.Select(u => statuses[up[u]]!.Value.Latency)], udpPorts, null, cancel).ConfigureAwait(false)
            : null;
        var udpFound = udpSome is null ? null : Enumerable.Range(0, up.Count).Select(u => udpHosts.IndexOf(u) is var at and >= 0 ? udpSome[at] : null).ToList();
        var byHost = up.Select((hostIndex, i) => (hostIndex, i)).ToDictionary(p => p.hostIndex, p => p.i);
        for (var i = 0; i < hosts.Count; i++)
        {
            // a host not decided when the user stopped the scan is left out: the report holds only what was settled
            if (statuses[i] is not { } status)
            {
                continue;
            }

            var (tcpPortsFound, udpPortsFound) = byHost.TryGetValue(i, out var u) ? (tcpFound?[u], udpFound?[u]) : (null, null);
            results.Add(Result(hosts[i], status, tcpPortsFound, udpPortsFound));
        }
    }

    private static HostScanResult Result(ScanHost host, HostStatus status, HostPorts? tcp, HostPorts? udp)
    {
        if (!status.IsUp)
        {
            return new HostScanResult { Host = host, IsUp = false, StatusReason = status.Reason };
        }

        var latency = tcp?.SmoothedRtt ?? status.Latency;
        var timedOut = tcp is { TimedOut: true } || udp is { TimedOut: true };
        return new HostScanResult
        {
            Host = host,
            IsUp = true,
            StatusReason = status.Reason,
            StatusTtl = status.Ttl,
            Latency = latency ?? udp?.SmoothedRtt,
            TimedOut = timedOut,

            // nmap reports no port of a host it gave up on, not even those settled before the timeout
            Ports = timedOut ? [] : [.. tcp?.Ports ?? [], .. udp?.Ports ?? []],
        };
    }
}
