using System.Text;
using NetLens.Core.Scanning;

namespace NetLens.Cli.Output.Scan;

/// <summary>
/// -oG: nmap's grepable output, one line per fact: "Host: ADDR (NAME)\tStatus: Up", then
/// "Host: ADDR (NAME)\tPorts: PORT/STATE/PROTO//SERVICE///, …\tIgnored State: STATE (COUNT)", between the
/// "# … scan initiated … as: …" and "# … done at … -- summary" comment lines.
/// </summary>
public static class GrepableScanWriter
{
    public static string Write(ScanReport report, XmlScanRun run, Func<int, PortProtocol, string> serviceName, bool portsScanned)
    {
        var text = new StringBuilder();
        text.Append($"# netlens {run.Version} scan initiated {XmlScanWriter.TimeText(run.Start)} as: {run.Arguments}\n");
        foreach (var host in report.ShownHosts)
        {
            var head = $"Host: {host.Host.Address} ({host.Host.Name})";
            text.Append(head).Append("\tStatus: Up\n");
            if (host.TimedOut)
            {
                // nmap's second status line for a host given up by --host-timeout, in place of its ports
                text.Append(head).Append("\tStatus: Timeout\n");
                continue;
            }

            if (!portsScanned)
            {
                continue;
            }

            var listing = report.Listing(host);
            text.Append(head).Append("\tPorts: ")
                .AppendJoin(", ", listing.Shown.Select(p => $"{p.Port}/{p.State.Word()}/{p.Protocol.Word()}//{Field(serviceName(p.Port, p.Protocol))}///"));

            // one ignored state, the largest, as nmap's format has room for; nmap names it only when that many ports
            // would be left out without --open too (seen with nmap 7.93: --open hides 3 closed ports, -oG does not say so)
            if (listing.Hidden.Count > 0 && listing.Hidden[0].Count > PortListing.MaxShownPerState)
            {
                text.Append($"\tIgnored State: {listing.Hidden[0].State.Word()} ({listing.Hidden[0].Count})");
            }

            text.Append('\n');
        }

        var end = run.Start + report.Elapsed;
        text.Append($"# netlens done at {XmlScanWriter.TimeText(end)} -- {ScanTextWriter.Summary(report)}{ScanTextWriter.InterruptedSuffix(run.Interruption)}\n");
        return text.ToString();
    }

    /// <summary>A field may not hold the separators: nmap writes '/' as '|' and drops ','.</summary>
    private static string Field(string value) => value.Replace('/', '|').Replace(",", string.Empty, StringComparison.Ordinal);
}
