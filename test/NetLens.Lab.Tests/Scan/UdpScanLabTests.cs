using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using NetLens.Core.Scanning;

namespace NetLens.Lab.Tests.Scan;

/// <summary>netlens -sU against the states the lab set up (behind the target's default ICMP rate limit), and against nmap -sU.</summary>
public partial class UdpScanLabTests(UdpScanLab lab) : IClassFixture<UdpScanLab>
{
    [SkippableFact]
    public void Behind_the_default_icmp_rate_limit_every_ipv4_udp_port_has_its_true_state()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var (v4, _) = lab.DefaultRateLimit();
        Assert.True(v4 > 0, "the target must keep a rate limit for this test to mean anything");
        var suppressedBefore = lab.RateLimitedErrors();

        var found = JsonStates(UdpScanLab.Address.ToString(), "udp");

        Assert.Equal(Expected(ipv6: false), found);

        // the limit really dropped errors during the scan, and the closed ports still came out closed
        Assert.True(lab.RateLimitedErrors() > suppressedBefore, "the target's rate limit suppressed no error: the test proved nothing");
    }

    [SkippableFact]
    public void Behind_the_default_icmp_rate_limit_every_ipv6_udp_port_has_its_true_state()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var (_, v6) = lab.DefaultRateLimit();
        Assert.True(v6 > 0, "the target must keep a rate limit for this test to mean anything");
        var suppressedBefore = lab.RateLimitedErrors6();

        var found = JsonStates(UdpScanLab.Address6.ToString(), "udp");

        Assert.Equal(Expected(ipv6: true), found);
        Assert.True(lab.RateLimitedErrors6() > suppressedBefore, "the target's rate limit suppressed no error: the test proved nothing");
    }

    [SkippableTheory]
    [InlineData("198.18.12.2")]
    [InlineData("2001:db8:12::2")]
    public void Nmap_udp_scan_of_the_same_host_sees_the_same_states(string target)
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        Skip.If(Shell.Run("sh", ["-c", "command -v nmap"]).ExitCode != 0, "nmap is not installed (apt-get install -y nmap)");
        var (v4, v6) = lab.DefaultRateLimit();

        // nmap reads silence after its retries as open|filtered even where the rate limit ate the error, so give it a target without one
        lab.SetRateLimit(0);
        try
        {
            string[] family = target.Contains(':', StringComparison.Ordinal) ? ["-6"] : [];
            var nmap = lab.ExecInScanner("nmap", [.. family, "-sU", "-Pn", "-n", "--reason", "-p", UdpScanLab.UdpPorts, "-oX", "-", target]);
            Assert.True(nmap.ExitCode == 0, nmap.Stderr);

            Assert.Equal(XmlStates(nmap.Stdout, "udp"), JsonStates(target, "udp"));
        }
        finally
        {
            Shell.Run("ip", ["netns", "exec", lab.TargetName, "sysctl", "-q", $"net.ipv4.icmp_ratelimit={v4}", $"net.ipv6.icmp.ratelimit={v6}"]);
        }
    }

    [SkippableFact]
    public void Tcp_and_udp_together_give_one_report_and_the_xml_says_what_the_normal_output_says()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var directory = Directory.CreateTempSubdirectory("netlens-udp-xml");
        try
        {
            var xmlFile = Path.Combine(directory.FullName, "scan.xml");
            var normalFile = Path.Combine(directory.FullName, "scan.txt");

            var run = NetLensRunner.Run(
                "--netns", lab.ScannerName, "scan", "-Pn", "-sT", "-sU", "--reason", "-p", $"T:20-30,{UdpScanLab.TcpOpenPort},U:{UdpScanLab.UdpPorts}",
                UdpScanLab.Address.ToString(), "-oX", xmlFile, "-oN", normalFile);

            Assert.True(run.ExitCode == 0, run.Stderr);
            var normal = File.ReadAllText(normalFile);
            var xml = XDocument.Parse(File.ReadAllText(xmlFile));

            // both protocols in one report, in the stdout table and in the file
            Assert.Matches(@"\n22/tcp +open +ssh +syn-ack\n", run.Stdout);
            Assert.Matches(@"\n53/udp +open +domain +udp-response\n", run.Stdout);
            Assert.StartsWith("# netlens ", normal, StringComparison.Ordinal);
            Assert.Equal(ShownRows(run.Stdout), ShownRows(normal));

            // the XML lists exactly the rows the normal output shows, and sums up the rest as it does
            var ports = xml.Descendants("ports").Single();
            var xmlRows = ports.Elements("port").Select(p => (
                $"{p.Attribute("portid")!.Value}/{p.Attribute("protocol")!.Value}",
                p.Element("state")!.Attribute("state")!.Value,
                p.Element("service")!.Attribute("name")!.Value,
                p.Element("state")!.Attribute("reason")!.Value)).ToList();
            Assert.Equal(ShownRows(normal), xmlRows);
            var notShown = NotShownLine().Match(normal);
            var extra = ports.Elements("extraports").SelectMany(e => e.Elements("extrareasons").Select(r =>
                $"{r.Attribute("count")!.Value} {e.Attribute("state")!.Value} {r.Attribute("proto")!.Value} ports ({r.Attribute("reason")!.Value})"));
            Assert.Equal(notShown.Success ? notShown.Groups[1].Value.Split(", ") : [], extra);

            // and the states agree with the truth, read the way nmap-XML consumers read them
            var udp = XmlStates(xml.ToString(), "udp");
            Assert.Equal(Expected(ipv6: false), udp);
            Assert.Equal(("open", "syn-ack"), XmlStates(xml.ToString(), "tcp")[UdpScanLab.TcpOpenPort]);
            AssertNmapFields(xml);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static void AssertNmapFields(XDocument xml)
    {
        var run = xml.Root!;
        Assert.Equal("nmaprun", run.Name.LocalName);
        foreach (var attribute in new[] { "scanner", "args", "start", "startstr", "version", "xmloutputversion" })
        {
            Assert.NotNull(run.Attribute(attribute));
        }

        Assert.Equal(["tcp", "udp"], run.Elements("scaninfo").Select(s => s.Attribute("protocol")!.Value));
        Assert.Equal(["connect", "udp"], run.Elements("scaninfo").Select(s => s.Attribute("type")!.Value));
        var host = run.Element("host")!;
        Assert.Equal("up", host.Element("status")!.Attribute("state")!.Value);
        Assert.Equal(UdpScanLab.Address.ToString(), host.Element("address")!.Attribute("addr")!.Value);
        Assert.Equal("ipv4", host.Element("address")!.Attribute("addrtype")!.Value);
        Assert.NotNull(host.Element("hostnames"));
        Assert.All(host.Descendants("port"), p =>
        {
            Assert.NotNull(p.Element("state")!.Attribute("reason_ttl"));
            Assert.Equal("table", p.Element("service")!.Attribute("method")!.Value);
            Assert.NotNull(p.Element("service")!.Attribute("conf"));
        });
        var stats = run.Element("runstats")!;
        Assert.NotNull(stats.Element("finished")!.Attribute("elapsed"));
        Assert.Equal("1", stats.Element("hosts")!.Attribute("up")!.Value);
    }

    private static Dictionary<int, (string State, string Reason)> Expected(bool ipv6) =>
        UdpScanLab.Truth(ipv6).ToDictionary(t => t.Key, t => (t.Value.State.Word(), t.Value.Reason.Word()));

    private Dictionary<int, (string State, string Reason)> JsonStates(string target, string protocol)
    {
        var run = NetLensRunner.Run("--netns", lab.ScannerName, "scan", "-Pn", "-sU", "-p", UdpScanLab.UdpPorts, target, "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var document = JsonDocument.Parse(run.Stdout);
        var host = Assert.Single(document.RootElement.GetProperty("hosts").EnumerateArray());
        return host.GetProperty("ports").EnumerateArray()
            .Where(p => p.GetProperty("protocol").GetString() == protocol)
            .ToDictionary(p => p.GetProperty("port").GetInt32(), p => (p.GetProperty("state").GetString()!, p.GetProperty("reason").GetString()!));
    }

    /// <summary>nmap's XML (or netlens's): shown ports one by one, ignored ones as ranges under extraports/extrareasons.</summary>
    private static Dictionary<int, (string State, string Reason)> XmlStates(string xml, string protocol)
    {
        var ports = XDocument.Parse(xml).Descendants("ports").Single();
        var states = ports.Elements("port").Where(p => p.Attribute("protocol")!.Value == protocol).ToDictionary(
            p => int.Parse(p.Attribute("portid")!.Value, CultureInfo.InvariantCulture),
            p => (p.Element("state")!.Attribute("state")!.Value, p.Element("state")!.Attribute("reason")!.Value));
        foreach (var ignored in ports.Elements("extraports"))
        {
            foreach (var reason in ignored.Elements("extrareasons").Where(r => (r.Attribute("proto")?.Value ?? "tcp") == protocol))
            {
                foreach (var port in PortSpecParser.Parse(reason.Attribute("ports")!.Value))
                {
                    states[port] = (ignored.Attribute("state")!.Value, reason.Attribute("reason")!.Value);
                }
            }
        }

        return states;
    }

    private static List<(string Port, string State, string Service, string Reason)> ShownRows(string text) =>
        [.. text.Split('\n').Select(l => PortRow().Match(l)).Where(m => m.Success).Select(m => (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value, m.Groups[4].Value))];

    [GeneratedRegex(@"^(\d+/(?:tcp|udp))\s+(\S+)\s+(\S+)\s+(\S+)$")]
    private static partial Regex PortRow();

    [GeneratedRegex(@"^Not shown: (.*)$", RegexOptions.Multiline)]
    private static partial Regex NotShownLine();
}
