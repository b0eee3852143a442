using System.Globalization;
using System.Text;
using NetLens.Core.Scanning;

namespace NetLens.Cli.Output.Scan;

/// <summary>nmap's normal output, word for word where scripts read it, saying netlens where nmap says Nmap.</summary>
public static class ScanTextWriter
{
    public static void Write(TextWriter writer, ScanReport report, Func<int, string> serviceName, bool reason, bool portsScanned = true) =>
        Write(writer, report, (port, _) => serviceName(port), reason, portsScanned);

    /// <summary>
    /// With service names per protocol (53/udp and 53/tcp may differ in /etc/services). Without
    /// <paramref name="portsScanned"/> (-sn) each host is its two lines, with no port section and no blank line, as nmap -sn prints.
    /// </summary>
    public static void Write(TextWriter writer, ScanReport report, Func<int, PortProtocol, string> serviceName, bool reason, bool portsScanned = true, bool doneLine = true, string? interruption = null)
    {
        var text = new StringBuilder();
        foreach (var host in report.ShownHosts)
        {
            if (portsScanned)
            {
                WriteHost(text, host, report.Listing(host), serviceName, reason);
            }
            else
            {
                WriteStatus(text, host, reason);
            }
        }

        if (report.Hosts.Count == 1 && report.HostsUp == 0 && !report.Interrupted)
        {
            text.Append("Note: Host seems down. If it is really up, but blocking our ping probes, try -Pn\n");
        }

        foreach (var skipped in report.SkippedBroadcasts)
        {
            text.Append(CultureInfo.InvariantCulture, $"Note: skipped {skipped}: a broadcast address of this machine's links, never probed\n");
        }

        if (doneLine)
        {
            text.Append(CultureInfo.InvariantCulture, $"netlens done: {Summary(report)}{InterruptedSuffix(interruption)}\n");
        }

        writer.Write(text.ToString());
    }

    /// <summary>"1 IP address (1 host up) scanned in 0.12 seconds", as nmap's last line and its -oN/-oX trailers say it.</summary>
    public static string Summary(ScanReport report)
    {
        var addresses = report.Hosts.Count == 1 ? "1 IP address" : $"{report.Hosts.Count} IP addresses";
        var up = report.HostsUp == 1 ? "1 host up" : $"{report.HostsUp} hosts up";
        return string.Create(CultureInfo.InvariantCulture, $"{addresses} ({up}) scanned in {report.Elapsed.TotalSeconds:F2} seconds");
    }

    /// <summary>" (interrupted by SIGINT: partial results, …)" after the summary of a run cut short; empty otherwise.</summary>
    public static string InterruptedSuffix(string? interruption) =>
        interruption is null ? string.Empty : $" ({XmlScanWriter.InterruptedMessage(interruption)})";

    /// <summary>"0.0012s": two significant digits in plain notation, as nmap prints latency.</summary>
    public static string Latency(TimeSpan latency)
    {
        var seconds = latency.TotalSeconds;
        if (seconds <= 0)
        {
            return "0.00";
        }

        var decimals = Math.Clamp(1 - (int)Math.Floor(Math.Log10(seconds)), 0, 9);
        return Math.Round(seconds, decimals).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    private static void WriteStatus(StringBuilder text, HostScanResult host, bool reason)
    {
        var address = host.Host.Address.ToString();
        text.Append(host.Host.Name is { } name ? $"netlens scan report for {name} ({address})\n" : $"netlens scan report for {address}\n");
        // --reason names what proved the host up, as nmap's "Host is up, received syn-ack (…)"
        var received = reason ? $", received {host.StatusReason.WithTtl(host.StatusTtl)}" : string.Empty;
        text.Append(host.Latency is { } latency ? $"Host is up{received} ({Latency(latency)}s latency).\n" : $"Host is up{received}.\n");
    }

    private static void WriteHost(StringBuilder text, HostScanResult host, PortListing listing, Func<int, PortProtocol, string> serviceName, bool reason)
    {
        var address = host.Host.Address.ToString();
        WriteStatus(text, host, reason);
        if (host.TimedOut)
        {
            // nmap's words for a host given up by --host-timeout: no port section, not even a blank line
            text.Append(CultureInfo.InvariantCulture, $"Skipping host {(host.Host.Name is { } name ? $"{name} ({address})" : address)} due to host timeout\n");
            return;
        }

        if (listing.Shown.Count == 0 && host.Ports.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"All {host.Ports.Count} scanned ports on {host.Host.Name ?? address} ({address}) are in ignored states.\n");
        }

        if (listing.Hidden.Count > 0)
        {
            text.Append("Not shown: ").AppendJoin(", ", listing.Hidden.SelectMany(NotShown)).Append('\n');
        }
        else if (listing.Shown.Count > 0)
        {
            // nmap leaves a blank line where "Not shown" would stand
            text.Append('\n');
        }

        if (listing.Shown.Count > 0)
        {
            WriteTable(text, listing.Shown, serviceName, reason);
        }

        text.Append('\n');
    }

    /// <summary>"991 filtered tcp ports (no-response)"; mixed reasons as "(990 no-response, 1 host-unreach)"; one part per protocol.</summary>
    private static IEnumerable<string> NotShown(HiddenState hidden)
    {
        foreach (var share in hidden.Protocols)
        {
            var ports = share.Count == 1 ? "port" : "ports";
            var why = share.Reasons.Count == 1
                ? share.Reasons[0].Reason.Word()
                : string.Join(", ", share.Reasons.Select(r => $"{r.Count} {r.Reason.Word()}"));
            yield return $"{share.Count} {hidden.State.Word()} {share.Protocol.Word()} {ports} ({why})";
        }
    }

    /// <summary>Columns as wide as their widest cell, one space apart; the last one unpadded.</summary>
    private static void WriteTable(StringBuilder text, IReadOnlyList<PortResult> ports, Func<int, PortProtocol, string> serviceName, bool reason)
    {
        var rows = new List<string[]> { reason ? ["PORT", "STATE", "SERVICE", "REASON"] : ["PORT", "STATE", "SERVICE"] };
        foreach (var port in ports)
        {
            var cells = new[] { $"{port.Port}/{port.Protocol.Word()}", port.State.Word(), serviceName(port.Port, port.Protocol) };
            rows.Add(reason ? [.. cells, port.Reason.WithTtl(port.ReplyTtl)] : cells);
        }

        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
        {
            for (var c = 0; c < row.Length; c++)
            {
                text.Append(c == row.Length - 1 ? row[c] : row[c].PadRight(widths[c] + 1));
            }

            text.Append('\n');
        }
    }
}
