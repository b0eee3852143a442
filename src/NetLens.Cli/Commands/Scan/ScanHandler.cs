using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using NetLens.Cli.Hosting;
using NetLens.Cli.Output.Scan;
using NetLens.Core;
using NetLens.Core.Scanning;
using NetLens.Linux.Probes;
using NetLens.Linux.Scanning;

namespace NetLens.Cli.Commands.Scan;

/// <summary>Expands the targets, finds which hosts are up, scans their ports (SYN or connect), and renders nmap's layout or JSON.</summary>
public static class ScanHandler
{
    public const string ConnectMechanism = "connect";
    public const string SynMechanism = "syn";

    /// <summary>-sn with raw probes: discovery only, no SYN scan.</summary>
    public const string RawDiscoveryMechanism = "raw";

    /// <summary>Hosts whose unprivileged discovery runs at once (two sockets each).</summary>
    private const int ParallelConnectPings = 32;

    public static async Task<int> RunAsync(ScanOptions options, CliOutput output, CancellationToken cancel)
    {
        var start = Stopwatch.GetTimestamp();
        var startedAt = DateTimeOffset.Now;
        var hosts = TargetList.Expand(options.Targets.Select(TargetParser.Parse), Resolve, options.MaxHosts);
        var ports = options.ScanTcp && !options.DiscoveryOnly ? options.Ports ?? PortRanking.BuiltIn.Top(options.Top) : [];
        var udpPorts = options.Udp && !options.DiscoveryOnly ? UdpScanStep.Ports(options) : [];
        UdpScanStep.CheckPorts(options, ports);
        using var files = new ScanOutputFiles(options);
        var limits = TimingTemplate.For(options.TimingLevel);
        var raw = UseRawSockets(options, hosts);
        List<HostScanResult> results;
        using (var progress = options.Progress && !options.Json ? new ScanProgressBar(output.Error) : null)
        {
            results = raw
                ? ScanRaw(options, hosts, ports, limits, progress, cancel)
                : await ScanConnectAsync(options, hosts, ports, limits, progress, cancel).ConfigureAwait(false);
            progress?.Clear();
        }

        if (udpPorts.Count > 0)
        {
            var udpScanner = new UdpScanner(UdpScanSockets.Factory(options.Netns), FileDescriptorBudget.ForScan());
            results = [.. results.Select(result => UdpScanStep.AddTo(result, udpScanner, udpPorts, limits, cancel))];
        }

        var tcpMechanism = !raw ? ConnectMechanism : options.DiscoveryOnly ? RawDiscoveryMechanism : SynMechanism;
        string[] mechanisms = [.. options.ScanTcp || options.DiscoveryOnly ? [tcpMechanism] : Array.Empty<string>(), .. udpPorts.Count > 0 ? [UdpScanStep.Mechanism] : Array.Empty<string>()];
        var report = new ScanReport(results, Stopwatch.GetElapsedTime(start), string.Join('+', mechanisms));
        var serviceNames = ScanServiceNames.Load();
        Func<int, PortProtocol, string> names = serviceNames.Find;
        XmlScanInfo[] scans =
        [
            .. ports.Count > 0 ? [new XmlScanInfo(tcpMechanism, PortProtocol.Tcp, ports)] : Array.Empty<XmlScanInfo>(),
            .. udpPorts.Count > 0 ? [new XmlScanInfo(UdpScanStep.Mechanism, PortProtocol.Udp, udpPorts)] : Array.Empty<XmlScanInfo>(),
        ];
        files.Write(options, output, report, new XmlScanRun(options.CommandLine, startedAt, NetLensVersionAction.Version, scans), names);
        if (files.TakesStdout)
        {
            return ExitCodes.Success;
        }

        if (options.Json)
        {
            output.Out.WriteLine(JsonSerializer.Serialize(ScanJsonMapper.ToJson(report, names), ScanJsonContext.Default.ScanDocument));
        }
        else
        {
            ScanTextWriter.Write(output.Out, report, names, options.Reason, portsScanned: !options.DiscoveryOnly);
        }

        return ExitCodes.Success;
    }

    /// <summary>-sS demands raw sockets, -sT refuses them, and by default they are used when this process may open them (CAP_NET_RAW).</summary>
    private static bool UseRawSockets(ScanOptions options, IReadOnlyList<ScanHost> hosts)
    {
        if (options.TcpScan == TcpScanType.Connect && !options.DiscoveryOnly)
        {
            return false;
        }

        var family = hosts.Count > 0 ? hosts[0].Address.AddressFamily : AddressFamily.InterNetwork;
        var canRaw = ProbeCapabilities.Detect(family, options.Netns).RawSocket;
        if (!canRaw && options.TcpScan == TcpScanType.Syn)
        {
            throw new MissingPrivilegeException(
                "a SYN scan (-sS) needs raw sockets, which this process may not open (CAP_NET_RAW)",
                "run it with sudo, or grant the capability: sudo setcap cap_net_raw+ep \"$(command -v netlens)\"; -sT scans without privilege");
        }

        return canRaw;
    }

    private static List<HostScanResult> ScanRaw(ScanOptions options, IReadOnlyList<ScanHost> hosts, IReadOnlyList<int> ports, ScanTiming limits, ScanProgressBar? progress, CancellationToken cancel)
    {
        using var session = new RawProbeSession(options.Netns, BitConverter.ToUInt32(RandomNumberGenerator.GetBytes(sizeof(uint))));
        var rate = new SendRate(options.MaxRate, options.MinRate);
        var addresses = hosts.Select(h => h.Address).ToList();
        var discovery = new RawHostDiscovery(session);
        var began = Stopwatch.GetTimestamp();
        var statuses = options.SkipDiscovery
            ? AssumedUp(discovery.Discover(addresses, limits, rate, cancel, rounds: 1))
            : NeighbourDiscovery.Confirm(addresses, discovery.Discover(addresses, limits, rate, cancel), options.Netns, Stopwatch.GetElapsedTime(began));
        var up = Enumerable.Range(0, hosts.Count).Where(i => statuses[i].IsUp).ToList();
        if (options.DiscoveryOnly || up.Count == 0)
        {
            return [.. hosts.Select((host, i) => Result(host, statuses[i], null))];
        }

        var scanned = new SynScanner(session).Scan(
            [.. up.Select(i => addresses[i])],
            ports,
            TimingTemplate.ForRawProbes(limits),
            rate,
            progress is null ? null : progress.Report,
            cancel,
            [.. up.Select(i => statuses[i].Latency)]);
        var byHost = up.Select((hostIndex, i) => (hostIndex, scanned[i])).ToDictionary(p => p.hostIndex, p => p.Item2);
        return [.. hosts.Select((host, i) => Result(host, statuses[i], byHost.GetValueOrDefault(i)))];
    }

    /// <summary>
    /// -Pn: every host counts as up (user-set); the one round of discovery probes sent anyway only measures the RTT, so
    /// the port scan's first probes wait for that instead of the 1 s initial timeout.
    /// </summary>
    private static HostStatus[] AssumedUp(IReadOnlyList<HostStatus> measured) =>
        [.. measured.Select(m => new HostStatus(true, PortReason.UserSet, m.Latency))];

    private static async Task<List<HostScanResult>> ScanConnectAsync(ScanOptions options, IReadOnlyList<ScanHost> hosts, IReadOnlyList<int> ports, ScanTiming limits, ScanProgressBar? progress, CancellationToken cancel)
    {
        var scanner = new ConnectScanner(ScanSockets.Factory(options.Netns), FileDescriptorBudget.ForScan());
        var began = Stopwatch.GetTimestamp();
        var statuses = options.SkipDiscovery
            ? [.. hosts.Select(_ => new HostStatus(true, PortReason.UserSet, null))]
            : NeighbourDiscovery.Confirm(
                [.. hosts.Select(h => h.Address)],
                await ConnectPingAllAsync(scanner, hosts, limits, cancel).ConfigureAwait(false),
                options.Netns,
                Stopwatch.GetElapsedTime(began));
        var results = new List<HostScanResult>(hosts.Count);
        var total = (long)ports.Count * statuses.Count(s => s.IsUp);
        long settledBefore = 0;
        long sentBefore = 0;
        var scanStart = Stopwatch.GetTimestamp();
        for (var i = 0; i < hosts.Count; i++)
        {
            var (settledDone, sentDone) = (settledBefore, sentBefore);
            Action<int, long>? report = progress is null ? null : (settled, sent) =>
            {
                sentBefore = sentDone + sent;
                progress.Report(new ScanProgress(settledDone + settled, total, sentDone + sent, Stopwatch.GetElapsedTime(scanStart)));
            };
            var found = statuses[i].IsUp && !options.DiscoveryOnly
                ? await scanner.ScanAsync(hosts[i].Address, ports, limits, cancel, report).ConfigureAwait(false)
                : null;
            settledBefore += found?.Ports.Count ?? 0;
            results.Add(Result(hosts[i], statuses[i], found));
        }

        return results;
    }

    /// <summary>Unprivileged discovery of a block: up to <see cref="ParallelConnectPings"/> hosts at once.</summary>
    private static async Task<HostStatus[]> ConnectPingAllAsync(ConnectScanner scanner, IReadOnlyList<ScanHost> hosts, ScanTiming limits, CancellationToken cancel)
    {
        var statuses = new HostStatus[hosts.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, hosts.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelConnectPings, CancellationToken = cancel },
            async (i, token) =>
            {
                var (isUp, reason, latency) = await HostDiscovery.ConnectPingAsync(scanner, hosts[i].Address, limits, token).ConfigureAwait(false);
                statuses[i] = new HostStatus(isUp, reason, latency);
            }).ConfigureAwait(false);
        return statuses;
    }

    private static HostScanResult Result(ScanHost host, HostStatus status, HostPorts? found) => status.IsUp
        ? new HostScanResult { Host = host, IsUp = true, StatusReason = status.Reason, Latency = found?.SmoothedRtt ?? status.Latency, Ports = found?.Ports ?? [] }
        : new HostScanResult { Host = host, IsUp = false, StatusReason = status.Reason };

    /// <summary>One address per name, IPv4 first as nmap prefers without -6.</summary>
    private static IPAddress Resolve(string name)
    {
        IPAddress[] addresses;
        try
        {
            addresses = Dns.GetHostAddresses(name);
        }
        catch (SocketException e)
        {
            throw new UsageException($"cannot resolve {InputText.Quote(name)}: {e.Message}");
        }

        return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
            ?? addresses.FirstOrDefault()
            ?? throw new UsageException($"'{name}' resolves to no address");
    }
}
