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
        using var files = new ScanOutputFiles(options);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel, output.Interruption.Token);
        ScanReport report;
        using (var progress = options.Progress && !options.Json ? new ScanProgressBar(output.Error) : null)
        {
            report = await scan.RunAsync(progress, stop.Token).ConfigureAwait(false);
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

    /// <summary>The signal's name for the outputs' "interrupted" marks (a cancellation without one is named as a stop).</summary>
    private static string Signal(int? exitCode) => exitCode switch
    {
        Interruption.SigintExitCode => "SIGINT",
        Interruption.SigtermExitCode => "SIGTERM",
        _ => "a request to stop",
    };
}
