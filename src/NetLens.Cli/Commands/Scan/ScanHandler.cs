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
        var hosts = TargetList.Expand(options.Targets.Select(TargetParser.Parse), Resolve, options.MaxHosts);
        var ports = options.Ports ?? PortRanking.BuiltIn.Top(options.Top);
        var scanner = new ConnectScanner(ScanSockets.Factory(options.Netns), FileDescriptorBudget.ForScan());
        var limits = ScanTiming.Default;
        var results = new List<HostScanResult>(hosts.Count);
        foreach (var host in hosts)
        {
            results.Add(await ScanHostAsync(scanner, host, ports, limits, options.SkipDiscovery, cancel).ConfigureAwait(false));
        }

        var report = new ScanReport(results, Stopwatch.GetElapsedTime(start), ConnectMechanism);
        var names = ScanServiceNames.Load();
        if (options.Json)
        {
            output.Out.WriteLine(JsonSerializer.Serialize(ScanJsonMapper.ToJson(report, names.Find), ScanJsonContext.Default.ScanDocument));
        }
        else
        {
            ScanTextWriter.Write(output.Out, report, names.Find, options.Reason);
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
