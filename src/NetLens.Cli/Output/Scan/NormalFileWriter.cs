using NetLens.Core.Scanning;

namespace NetLens.Cli.Output.Scan;

/// <summary>-oN: the normal output between nmap's comment lines, "# … scan initiated … as: …" and "# … done at … -- summary".</summary>
public static class NormalFileWriter
{
    public static string Write(ScanReport report, XmlScanRun run, Func<int, PortProtocol, string> serviceName, bool reason)
    {
        var body = new StringWriter { NewLine = "\n" };
        ScanTextWriter.Write(body, report, serviceName, reason, doneLine: false, interruption: run.Interruption);
        var end = run.Start + report.Elapsed;
        return $"# netlens {run.Version} scan initiated {XmlScanWriter.TimeText(run.Start)} as: {run.Arguments}\n"
            + body
            + $"# netlens done at {XmlScanWriter.TimeText(end)} -- {ScanTextWriter.Summary(report)}{ScanTextWriter.InterruptedSuffix(run.Interruption)}\n";
    }
}
