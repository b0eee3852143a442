using System.Diagnostics;
using System.Xml.Linq;

namespace NetLens.Lab.Tests.Scan;

/// <summary>The reply TTL in reasons and --host-timeout, against a target one router hop away and against nmap on the same hosts.</summary>
public class RouterHopScanLabTests(RouterHopScanLab lab) : IClassFixture<RouterHopScanLab>
{
    private const string Ports = "22,23,53,80";

    [SkippableFact]
    public void A_syn_scan_gives_each_reason_the_ttl_of_the_reply_as_nmap_does()
    {
        SkipWithoutNmap();
        var target = RouterHopScanLab.Fast.ToString();

        var netlens = Xml(NetLensRunner.Run("--netns", lab.Scanner, "scan", "-sS", "--reason", "-p", Ports, "-oX", "-", target));
        var nmap = Xml(lab.ExecInScanner("nmap", "-sS", "-n", "--reason", "-p", Ports, "-oX", "-", target));

        var expected = new[] { ("22", "open", "syn-ack", "63"), ("23", "closed", "reset", "63"), ("53", "closed", "reset", "63"), ("80", "closed", "reset", "63") };
        Assert.Equal(expected, PortReasons(nmap));
        Assert.Equal(expected, PortReasons(netlens));
        Assert.Equal(HostStatusTtl(nmap), HostStatusTtl(netlens));
        Assert.Equal(RouterHopScanLab.ReplyTtl.ToString(System.Globalization.CultureInfo.InvariantCulture), HostStatusTtl(netlens));
    }

    [SkippableFact]
    public void Normal_output_and_json_show_the_ttl_in_the_reason()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var target = RouterHopScanLab.Fast.ToString();

        var text = NetLensRunner.Run("--netns", lab.Scanner, "scan", "-sS", "--reason", "-p", "22,23", target);
        var json = NetLensRunner.Run("--netns", lab.Scanner, "scan", "-sS", "-p", "22,23", "--json", target);

        Assert.True(text.ExitCode == 0, text.Stderr);
        Assert.Matches(@"Host is up, received [a-z-]+ ttl 63 \(", text.Stdout);
        Assert.Contains("22/tcp open   ssh     syn-ack ttl 63\n", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("23/tcp closed telnet  reset ttl 63\n", text.Stdout, StringComparison.Ordinal);
        using var document = System.Text.Json.JsonDocument.Parse(json.Stdout);
        var host = document.RootElement.GetProperty("hosts")[0];
        Assert.Equal(63, host.GetProperty("reason_ttl").GetInt32());
        Assert.All(host.GetProperty("ports").EnumerateArray(), p => Assert.Equal(63, p.GetProperty("reason_ttl").GetInt32()));
    }

    [SkippableFact]
    public void A_connect_scan_shows_no_ttl_as_nmap_shows_none()
    {
        SkipWithoutNmap();
        var target = RouterHopScanLab.Fast.ToString();

        var netlens = NetLensRunner.Run("--netns", lab.Scanner, "scan", "-sT", "--reason", "-p", "22,23", target);
        var nmap = lab.ExecInScanner("nmap", "-sT", "-n", "--reason", "-p", "22,23", target);

        Assert.True(netlens.ExitCode == 0, netlens.Stderr);
        foreach (var line in new[] { "22/tcp open   ssh     syn-ack\n", "23/tcp closed telnet  conn-refused\n" })
        {
            Assert.Contains(line, nmap.Stdout, StringComparison.Ordinal);
            Assert.Contains(line, netlens.Stdout, StringComparison.Ordinal);
        }
    }

    [SkippableTheory]
    [InlineData("-sS")]
    [InlineData("-sT")]
    [InlineData("-sU")]
    public void Host_timeout_gives_up_the_silent_host_as_nmap_does_and_still_reports_the_fast_one(string scan)
    {
        SkipWithoutNmap();

        // -T2 spaces one host's probes 0.4 s apart: the fast host's two ports settle well inside 1.5 s, the silent
        // host's retries do not; -Pn, since connect discovery cannot see the silent host up
        string[] targets = ["-Pn", "-T2", "-p", "22,23", "--host-timeout", "1500ms", RouterHopScanLab.Silent.ToString(), RouterHopScanLab.Fast.ToString()];

        var clock = Stopwatch.StartNew();
        var netlens = NetLensRunner.Run(["--netns", lab.Scanner, "scan", scan, "-oX", "/dev/null", .. targets]);
        var elapsed = clock.Elapsed;
        var xml = Xml(NetLensRunner.Run(["--netns", lab.Scanner, "scan", scan, "-oX", "-", .. targets]));
        var nmap = lab.ExecInScanner("nmap", [scan, "-n", .. targets]);
        var nmapXml = Xml(lab.ExecInScanner("nmap", [scan, "-n", "-oX", "-", .. targets]));

        // the silent host alone would take longer (every port retried at 0.4 s intervals)
        Assert.True(netlens.ExitCode == 0, netlens.Stderr);
        Assert.True(elapsed < TimeSpan.FromSeconds(8), $"the scan took {elapsed}");
        const string skipped = "Skipping host 198.18.45.3 due to host timeout\n";
        Assert.Contains(skipped, nmap.Stdout, StringComparison.Ordinal);
        Assert.Contains(skipped, netlens.Stdout, StringComparison.Ordinal);
        Assert.Contains("2 IP addresses (2 hosts up)", netlens.Stdout, StringComparison.Ordinal);
        Assert.Equal(TimedOutHosts(nmapXml), TimedOutHosts(xml));
        Assert.Equal(["198.18.45.3"], TimedOutHosts(xml));
        var silent = xml.Descendants("host").Single(h => Address(h) == "198.18.45.3");
        Assert.Empty(silent.Elements("ports"));

        // the fast host is scanned in full: its one open TCP port, or all its UDP ports closed
        var fast = xml.Descendants("host").Single(h => Address(h) == "198.18.45.2");
        Assert.Null(fast.Attribute("timedout"));
        if (scan == "-sU")
        {
            var closed = fast.Descendants("port").Count(p => p.Element("state")!.Attribute("state")!.Value == "closed")
                + fast.Descendants("extraports").Where(e => e.Attribute("state")!.Value == "closed").Sum(e => int.Parse(e.Attribute("count")!.Value, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(2, closed);
        }
        else
        {
            Assert.Equal("22", fast.Descendants("port").Single(p => p.Element("state")!.Attribute("state")!.Value == "open").Attribute("portid")!.Value);
        }
    }

    [SkippableFact]
    public void A_host_timeout_that_is_not_a_time_is_one_line_and_exit_2()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var run = NetLensRunner.Run("--netns", lab.Scanner, "scan", "--host-timeout", "1x", RouterHopScanLab.Fast.ToString());

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("netlens: error: --host-timeout '1x' is not a time: give one such as 30s, 500ms, 2m or 1h (a bare number is seconds)\n", run.Stderr);
    }

    private static void SkipWithoutNmap()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        Skip.If(Shell.Run("sh", ["-c", "command -v nmap"]).ExitCode != 0, "nmap is not installed (apt-get install -y nmap)");
    }

    private static XDocument Xml(NetLensRun run)
    {
        Assert.True(run.ExitCode == 0, run.Stderr);
        return XDocument.Parse(run.Stdout);
    }

    private static XDocument Xml(CommandResult run)
    {
        Assert.True(run.ExitCode == 0, run.Stderr);
        return XDocument.Parse(run.Stdout);
    }

    private static string Address(XElement host) => host.Element("address")!.Attribute("addr")!.Value;

    private static string[] TimedOutHosts(XDocument xml) =>
        [.. xml.Descendants("host").Where(h => h.Attribute("timedout")?.Value == "true").Select(Address)];

    private static string HostStatusTtl(XDocument xml) => xml.Descendants("host").Single().Element("status")!.Attribute("reason_ttl")!.Value;

    private static (string Port, string State, string Reason, string Ttl)[] PortReasons(XDocument xml) =>
        [.. xml.Descendants("port").Select(p => (p.Attribute("portid")!.Value, p.Element("state")!.Attribute("state")!.Value, p.Element("state")!.Attribute("reason")!.Value, p.Element("state")!.Attribute("reason_ttl")!.Value))];
}
