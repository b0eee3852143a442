using NetLens.Cli.Hosting;
using NetLens.Cli.Output.Json;
using NetLens.Cli.Output.Scan;
using NetLens.Core.Scanning;
using NetLens.Engines.Scan;
using NetLens.Linux.Namespaces;
using NetLens.Linux.Services;

namespace NetLens.Cli.Commands.Scan;

/// <summary>`netlens scan`: the options as a <see cref="ScanRequest"/>, the scan engine, then nmap's layout, the -oX/-oN files or JSON.</summary>
public static class ScanHandler
{
    public static async Task<int> RunAsync(ScanOptions options, CliOutput output, CancellationToken cancel)
    {
        var startedAt = DateTimeOffset.Now;
        var ports = options.ScanTcp && !options.DiscoveryOnly ? options.Ports ?? PortRanking.BuiltIn.Top(options.Top) : [];
        var udpPorts = options.Udp && !options.DiscoveryOnly ? UdpScanStep.Ports(options) : [];
        UdpScanStep.CheckPorts(options, ports);
        var scan = ScanEngine.Prepare(Request(options, ports, udpPorts));
        if (options.Verbose)
        {
            var tcp = scan.Raw
                ? "raw sockets (CAP_NET_RAW): ICMP echo and timestamp, TCP SYN to 443 and ACK to 80 for discovery, half-open SYN probes for ports"
                : "connect() (no privilege needed): TCP handshakes to 80 and 443 for discovery and to every port scanned";
            var udp = udpPorts.Count > 0 ? "; UDP probes with ICMP errors read from each socket's error queue" : string.Empty;
            output.Error.WriteLine($"netlens: scan over {tcp}{udp}");
        }
        using var files = new ScanOutputFiles(options);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel, output.Interruption.Token);
        ScanReport report;
        using (var progress = options.Progress && !options.Json ? new ScanProgressBar(output.Error) : null)
        {
            report = await scan.RunAsync(progress, stop.Token).ConfigureAwait(false);
            report = report with { OpenOnly = options.OpenOnly };
            progress?.Clear();
        }

        var interruption = report.Interrupted ? Signal(output.Interruption.ExitCode) : null;
        Func<int, PortProtocol, string> names = ServicesFile.SystemNames.ForScan;
        XmlScanInfo[] scans =
        [
            .. ports.Count > 0 ? [new XmlScanInfo(scan.TcpMechanism, PortProtocol.Tcp, ports)] : Array.Empty<XmlScanInfo>(),
            .. udpPorts.Count > 0 ? [new XmlScanInfo(ScanEngine.UdpMechanism, PortProtocol.Udp, udpPorts)] : Array.Empty<XmlScanInfo>(),
        ];
        var run = new XmlScanRun(options.CommandLine, startedAt, NetLensVersionAction.Version, scans) { Interruption = interruption };
        files.Write(options, output, report, run, names);
        var code = report.Interrupted ? output.Interruption.ExitCode ?? ExitCodes.Failure : ExitCodes.Success;
        if (files.TakesStdout)
        {
            return code;
        }

        if (options.Json)
        {
            JsonOutput.Write(output.Out, ScanJsonMapper.ToJson(report, names));
        }
        else
        {
            ScanTextWriter.Write(output.Out, report, names, options.Reason, portsScanned: !options.DiscoveryOnly, interruption: interruption);
        }

        return code;
    }

    private static ScanRequest Request(ScanOptions options, IReadOnlyList<int> ports, IReadOnlyList<int> udpPorts) => new()
    {
        Targets = [.. options.Targets.Select(TargetParser.Parse)],
        Excluded = [.. options.Excluded.Select(text => Excluded(text))],
        MaxRetries = options.MaxRetries,
        HostTimeout = options.HostTimeout,
        TcpPorts = ports,
        UdpPorts = udpPorts,
        ScanTcp = options.ScanTcp,
        TcpScan = options.TcpScan,
        DiscoveryOnly = options.DiscoveryOnly,
        SkipDiscovery = options.SkipDiscovery,
        TimingLevel = options.TimingLevel,
        MinRate = options.MinRate,
        MaxRate = options.MaxRate,
        MaxHosts = options.MaxHosts,
        Network = NetworkContext.For(options.Netns),
    };

    /// <summary>An exclusion parsed as a target is, its errors named as --exclude's.</summary>
    private static TargetSpec Excluded(string text)
    {
        try
        {
            return TargetParser.Parse(text);
        }
        catch (Core.UsageException e)
        {
            throw new Core.UsageException($"--exclude: {e.Message}");
        }
    }

    /// <summary>The signal's name for the outputs' "interrupted" marks (a cancellation without one is named as a stop).</summary>
    private static string Signal(int? exitCode) => exitCode switch
    {
        Interruption.SigintExitCode => "SIGINT",
        Interruption.SigtermExitCode => "SIGTERM",
        _ => "a request to stop",
    };
}
