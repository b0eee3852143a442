using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Xml;
using NetLens.Core.Scanning;

namespace NetLens.Cli.Output.Scan;

/// <summary>What the XML says about the run beyond the report: how it was called, when, and what each protocol scanned.</summary>
public sealed record XmlScanRun(string Arguments, DateTimeOffset Start, string Version, IReadOnlyList<XmlScanInfo> Scans)
{
    /// <summary>The signal that stopped the scan early (SIGINT, SIGTERM); null for a scan that ran to its end.</summary>
    public string? Interruption { get; init; }
}

/// <summary>One scaninfo: nmap's scan type word (connect, syn, udp), the protocol, the ports asked for.</summary>
public sealed record XmlScanInfo(string Type, PortProtocol Protocol, IReadOnlyList<int> Ports);

/// <summary>
/// nmap's XML output (-oX; the elements and attributes of nmap.dtd, xmloutputversion 1.05), so tools that read nmap's XML
/// read netlens's. scanner says netlens. Written with XmlWriter, which needs no reflection (NativeAOT).
/// </summary>
public static class XmlScanWriter
{
    public const string OutputVersion = "1.05";

    public static string Write(ScanReport report, XmlScanRun run, Func<int, PortProtocol, string> serviceName)
    {
        var settings = new XmlWriterSettings { Indent = false, NewLineChars = "\n", Encoding = new UTF8Encoding(false) };
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, settings))
        {
            xml.WriteStartDocument();
            xml.WriteDocType("nmaprun", null, null, null);
            xml.WriteComment($" netlens {run.Version} scan initiated {TimeText(run.Start)} as: {run.Arguments.Replace("--", "-&#45;", StringComparison.Ordinal)} ");
            xml.WriteStartElement("nmaprun");
            xml.WriteAttributeString("scanner", "netlens");
            xml.WriteAttributeString("args", run.Arguments);
            xml.WriteAttributeString("start", Epoch(run.Start));
            xml.WriteAttributeString("startstr", TimeText(run.Start));
            xml.WriteAttributeString("version", run.Version);
            xml.WriteAttributeString("xmloutputversion", OutputVersion);
            foreach (var scan in run.Scans)
            {
                xml.WriteStartElement("scaninfo");
                xml.WriteAttributeString("type", scan.Type);
                xml.WriteAttributeString("protocol", scan.Protocol.Word());
                xml.WriteAttributeString("numservices", Number(scan.Ports.Count));
                xml.WriteAttributeString("services", Ranges(scan.Ports));
                xml.WriteEndElement();
            }

            Empty(xml, "verbose", ("level", "0"));
            Empty(xml, "debugging", ("level", "0"));
            var end = run.Start + report.Elapsed;
            foreach (var host in report.ShownHosts)
            {
                WriteHost(xml, host, report.Listing(host), run.Start, end, serviceName);
            }

            xml.WriteStartElement("runstats");
            (string Name, string Value)[] finished =
            [
                ("time", Epoch(end)),
                ("timestr", TimeText(end)),
                ("summary", $"netlens done at {TimeText(end)}; {ScanTextWriter.Summary(report)}"),
                ("elapsed", report.Elapsed.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)),
            ];

            // nmap.dtd's finished element: exit is success or error, and errormsg says what cut the run short
            Empty(
                xml,
                "finished",
                run.Interruption is { } signal
                    ? [.. finished, ("exit", "error"), ("errormsg", InterruptedMessage(signal))]
                    : [.. finished, ("exit", "success")]);
            Empty(xml, "hosts", ("up", Number(report.HostsUp)), ("down", Number(report.Hosts.Count - report.HostsUp)), ("total", Number(report.Hosts.Count)));
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return Encoding.UTF8.GetString(stream.ToArray()).Replace("><", ">\n<", StringComparison.Ordinal) + "\n";
    }

    private static void WriteHost(XmlWriter xml, HostScanResult host, PortListing listing, DateTimeOffset start, DateTimeOffset end, Func<int, PortProtocol, string> serviceName)
    {
        xml.WriteStartElement("host");
        xml.WriteAttributeString("starttime", Epoch(start));
        xml.WriteAttributeString("endtime", Epoch(end));
        if (host.TimedOut)
        {
            xml.WriteAttributeString("timedout", "true");
        }

        // reason_ttl is required; nmap writes 0 when it has none (connect(), unprivileged sockets, IPv6 here)
        Empty(xml, "status", ("state", "up"), ("reason", host.StatusReason.Word()), ("reason_ttl", Number(host.StatusTtl ?? 0)));
        var address = host.Host.Address;
        Empty(xml, "address", ("addr", address.ToString()), ("addrtype", address.AddressFamily == AddressFamily.InterNetworkV6 ? "ipv6" : "ipv4"));
        xml.WriteStartElement("hostnames");
        if (host.Host.Name is { } name)
        {
            Empty(xml, "hostname", ("name", name), ("type", "user"));
        }

        xml.WriteFullEndElement();
        if (!host.TimedOut)
        {
            WritePorts(xml, listing, serviceName);
        }

        if (host.Latency is { } latency)
        {
            // microseconds, as nmap writes them; netlens keeps no separate variance or timeout per host, so srtt stands for all three
            var micros = Number((int)Math.Round(latency.TotalMicroseconds));
            Empty(xml, "times", ("srtt", micros), ("rttvar", micros), ("to", micros));
        }

        xml.WriteEndElement();
    }

    /// <summary>The ports element; nmap writes none for a host given up by --host-timeout.</summary>
    private static void WritePorts(XmlWriter xml, PortListing listing, Func<int, PortProtocol, string> serviceName)
    {
        xml.WriteStartElement("ports");
        foreach (var hidden in listing.Hidden)
        {
            xml.WriteStartElement("extraports");
            xml.WriteAttributeString("state", hidden.State.Word());
            xml.WriteAttributeString("count", Number(hidden.Count));
            foreach (var share in hidden.Protocols)
            {
                foreach (var (reason, count) in share.Reasons)
                {
                    var ports = share.Ports.Where(p => p.Reason == reason).Select(p => p.Port).ToList();
                    Empty(xml, "extrareasons", ("reason", reason.Word()), ("count", Number(count)), ("proto", share.Protocol.Word()), ("ports", Ranges(ports)));
                }
            }

            xml.WriteEndElement();
        }

        foreach (var port in listing.Shown)
        {
            xml.WriteStartElement("port");
            xml.WriteAttributeString("protocol", port.Protocol.Word());
            xml.WriteAttributeString("portid", Number(port.Port));
            Empty(xml, "state", ("state", port.State.Word()), ("reason", port.Reason.Word()), ("reason_ttl", Number(port.ReplyTtl ?? 0)));

            // conf 3: a name from the services table, nmap's confidence for method="table"
            Empty(xml, "service", ("name", serviceName(port.Port, port.Protocol)), ("method", "table"), ("conf", "3"));
            xml.WriteEndElement();
        }

        xml.WriteFullEndElement();
    }

    /// <summary>What an interrupted run's outputs say: the signal, and that the hosts and ports written are those settled before it.</summary>
    public static string InterruptedMessage(string signal) => $"interrupted by {signal}: partial results, only the hosts and ports settled before it";

    /// <summary>"1-52,54-100,1005": the sorted ports as ranges, nmap's services= and ports= syntax.</summary>
    public static string Ranges(IEnumerable<int> ports)
    {
        var sorted = ports.Distinct().Order().ToList();
        var text = new StringBuilder();
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1)
            {
                j++;
            }

            text.Append(text.Length > 0 ? "," : string.Empty).Append(Number(sorted[i]));
            if (j > i)
            {
                text.Append('-').Append(Number(sorted[j]));
            }

            i = j + 1;
        }

        return text.ToString();
    }

    private static void Empty(XmlWriter xml, string element, params (string Name, string Value)[] attributes)
    {
        xml.WriteStartElement(element);
        foreach (var (name, value) in attributes)
        {
            xml.WriteAttributeString(name, value);
        }

        xml.WriteEndElement();
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Epoch(DateTimeOffset time) => time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>ctime(3)'s layout, "Wed Nov 25 15:18:02 2026", in local time as nmap writes it.</summary>
    public static string TimeText(DateTimeOffset time)
    {
        var local = time.ToLocalTime();
        return string.Create(CultureInfo.InvariantCulture, $"{local:ddd MMM} {local.Day,2} {local:HH:mm:ss yyyy}");
    }
}
