using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using NetLens.Cli.Hosting;
using NetLens.Cli.Output.Scan;
using NetLens.Core;
using NetLens.Core.Scanning;
using NetLens.Linux.Scanning;

namespace NetLens.Cli.Commands.Scan;

/// <summary>Expands the targets, finds which hosts are up, connect-scans their ports, and renders nmap's layout or JSON.</summary>
public static class ScanHandler
{
    public const string ConnectMechanism = "connect";

    public static async Task<int> RunAsync(ScanOptions options, CliOutput output, CancellationToken cancel)
    {
        var start = Stopwatch.GetTimestamp();
        var startedAt = DateTimeOffset.Now;
        var hosts = TargetList.Expand(options.Targets.Select(TargetParser.Parse), Resolve, options.MaxHosts);
        var ports = options.ScanTcp ? options.Ports ?? PortRanking.BuiltIn.Top(options.Top) : [];
        var udpPorts = options.Udp ? UdpScanStep.Ports(options) : [];
        UdpScanStep.CheckPorts(options, ports);
        using var files = new ScanOutputFiles(options);
        var scanner = new ConnectScanner(ScanSockets.Factory(options.Netns), FileDescriptorBudget.ForScan());
        var udpScanner = new UdpScanner(UdpScanSockets.Factory(options.Netns), FileDescriptorBudget.ForScan());
        var limits = ScanTiming.Default;
        var results = new List<HostScanResult>(hosts.Count);
        foreach (var host in hosts)
        {
            var result = await ScanHostAsync(scanner, host, ports, limits, options.SkipDiscovery, cancel).ConfigureAwait(false);
            results.Add(UdpScanStep.AddTo(result, udpScanner, udpPorts, limits, cancel));
        }

        string[] mechanisms = [.. options.ScanTcp ? [ConnectMechanism] : Array.Empty<string>(), .. options.Udp ? [UdpScanStep.Mechanism] : Array.Empty<string>()];
        var report = new ScanReport(results, Stopwatch.GetElapsedTime(start), string.Join('+', mechanisms));
        var serviceNames = ScanServiceNames.Load();
        Func<int, PortProtocol, string> names = serviceNames.Find;
        XmlScanInfo[] scans =
        [
            .. options.ScanTcp ? [new XmlScanInfo(ConnectMechanism, PortProtocol.Tcp, ports)] : Array.Empty<XmlScanInfo>(),
            .. options.Udp ? [new XmlScanInfo(UdpScanStep.Mechanism, PortProtocol.Udp, udpPorts)] : Array.Empty<XmlScanInfo>(),
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
            ScanTextWriter.Write(output.Out, report, names, options.Reason);
        }

        return ExitCodes.Success;
    }

    private static async Task<HostScanResult> ScanHostAsync(ConnectScanner scanner, ScanHost host, IReadOnlyList<int> ports, ScanTiming limits, bool skipDiscovery, CancellationToken cancel)
    {
        var (isUp, reason, latency) = skipDiscovery
            ? (true, PortReason.UserSet, null)
            : await HostDiscovery.ConnectPingAsync(scanner, host.Address, limits, cancel).ConfigureAwait(false);
        if (!isUp)
        {
            return new HostScanResult { Host = host, IsUp = false, StatusReason = reason };
        }

        var found = await scanner.ScanAsync(host.Address, ports, limits, cancel).ConfigureAwait(false);
        return new HostScanResult { Host = host, IsUp = true, StatusReason = reason, Latency = found.SmoothedRtt ?? latency, Ports = found.Ports };
    }

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
            throw new UsageException($"cannot resolve '{name}': {e.Message}");
        }

        return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
            ?? addresses.FirstOrDefault()
            ?? throw new UsageException($"'{name}' resolves to no address");
    }
}
