using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace NetLens.Lab.Tests.Scan;

/// <summary>nmap's classic options (--open, -oG, -iL, --exclude, --excludefile, --max-retries) next to nmap's own run of the same lab.</summary>
public class ScanOptionsLabTests(ScanOptionsLab lab) : IClassFixture<ScanOptionsLab>
{
    private static readonly string[] AllHosts = ["-Pn", "-p", ScanOptionsLab.Ports, .. ScanOptionsLab.Hosts];

    [SkippableFact]
    public void Grepable_output_has_nmaps_host_lines()
    {
        SkipWithoutNmap();

        var (netlens, nmap) = Both(["-sT", "-oG", "-", .. AllHosts]);

        // port 9999's name is nmap's own list's (abyss) in nmap and /etc/services' (distinct) in netlens: the rest is compared
        static string Unnamed(string lines) => Regex.Replace(lines, "9999/filtered/tcp//[^/]*///", "9999/filtered/tcp//-///");
        Assert.Equal(Unnamed(string.Join("\n", HostLines(nmap))), Unnamed(string.Join("\n", HostLines(netlens))));
        Assert.Contains("Host: 198.18.10.1 ()\tPorts: 21/closed/tcp//ftp///, 22/open/tcp//ssh///, 23/closed/tcp//telnet///, 25/closed/tcp//smtp///, 80/open/tcp//http///, 9999/filtered/tcp//", netlens);
        Assert.Matches(@"^# netlens \S+ scan initiated \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4} as: netlens ", netlens);
        Assert.Matches(@"\n# netlens done at .* -- 4 IP addresses \(4 hosts up\) scanned in \d+\.\d\d seconds\n$", netlens);
    }

    [SkippableFact]
    public void Open_grepable_output_lists_the_hosts_and_ports_nmap_open_lists()
    {
        SkipWithoutNmap();

        var (netlens, nmap) = Both(["-sT", "--open", "-oG", "-", .. AllHosts]);

        Assert.Equal(string.Join("\n", HostLines(nmap)), string.Join("\n", HostLines(netlens)));
        Assert.Equal(
            [
                "Host: 198.18.10.1 ()\tStatus: Up",
                "Host: 198.18.10.1 ()\tPorts: 22/open/tcp//ssh///, 80/open/tcp//http///",
                "Host: 198.18.10.3 ()\tStatus: Up",
                "Host: 198.18.10.3 ()\tPorts: 25/open/tcp//smtp///",
            ],
            HostLines(netlens));
    }

    [SkippableFact]
    public void Open_normal_output_shows_what_nmap_open_shows()
    {
        SkipWithoutNmap();

        var netlens = NetLens(["-sT", "--open", .. AllHosts]);
        var nmap = lab.Exec("nmap", ["-n", "-sT", "--open", .. AllHosts]);

        Assert.Equal(0, nmap.ExitCode);
        Assert.Equal(Significant(nmap.Stdout.Replace("Nmap scan report", "netlens scan report", StringComparison.Ordinal)), Significant(netlens));
        Assert.Contains("netlens done: 4 IP addresses (4 hosts up)", netlens, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Open_xml_holds_the_hosts_and_ports_of_nmaps_open_xml()
    {
        SkipWithoutNmap();

        var (netlens, nmap) = Both(["-sT", "--open", "-oX", "-", .. AllHosts]);

        Assert.Equal(XmlPorts(nmap), XmlPorts(netlens));
        Assert.Equal(["198.18.10.1", "198.18.10.3"], XmlPorts(netlens).Select(p => p.Split(':')[0]).Distinct());
    }

    [SkippableFact]
    public void Open_json_keeps_only_hosts_with_open_ports_and_counts_the_rest_as_not_shown()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        using var document = JsonDocument.Parse(NetLens(["-sT", "--open", "--json", .. AllHosts]));

        Assert.True(document.RootElement.GetProperty("open_only").GetBoolean());
        var hosts = document.RootElement.GetProperty("hosts").EnumerateArray().ToList();
        Assert.Equal(["198.18.10.1", "198.18.10.3"], hosts.Select(h => h.GetProperty("address").GetString()));
        Assert.Equal([22, 80], hosts[0].GetProperty("ports").EnumerateArray().Select(p => p.GetProperty("port").GetInt32()));
        Assert.Equal(
            [("closed", 3), ("filtered", 1)],
            hosts[0].GetProperty("not_shown").EnumerateArray().Select(n => (n.GetProperty("state").GetString(), n.GetProperty("count").GetInt32())));
    }

    [SkippableFact]
    public void Input_list_file_scans_the_hosts_nmap_il_scans()
    {
        SkipWithoutNmap();
        var list = TempFile("198.18.10.3 198.18.10.1\n# a comment 198.18.10.2\n\t198.18.10.4 # trailing\n");
        try
        {
            var (netlens, nmap) = Both(["-sT", "-Pn", "-p", "22", "-iL", list, "-oG", "-"]);

            Assert.Equal(string.Join("\n", HostLines(nmap)), string.Join("\n", HostLines(netlens)));
            Assert.Equal(["198.18.10.3", "198.18.10.1", "198.18.10.4"], StatusHosts(netlens));
        }
        finally
        {
            File.Delete(list);
        }
    }

    [SkippableFact]
    public void Input_list_dash_reads_the_targets_from_stdin()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var run = Shell.Run(NativeBinary.Path, ["--netns", lab.Name, "scan", "-sT", "-Pn", "-p", "22", "-iL", "-", "-oG", "-"], stdin: "198.18.10.2\n198.18.10.4\n");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal(["198.18.10.2", "198.18.10.4"], StatusHosts(run.Stdout));
    }

    [SkippableFact]
    public void Exclude_and_excludefile_leave_out_what_nmap_leaves_out()
    {
        SkipWithoutNmap();
        var excluded = TempFile("198.18.10.4\n");
        try
        {
            var (netlens, nmap) = Both(["-sT", "-Pn", "-p", "22", "--exclude", "198.18.10.2", "--excludefile", excluded, "-oG", "-", "198.18.10.1-4"]);

            Assert.Equal(string.Join("\n", HostLines(nmap)), string.Join("\n", HostLines(netlens)));
            Assert.Equal(["198.18.10.1", "198.18.10.3"], StatusHosts(netlens));
            Assert.Contains("-- 2 IP addresses (2 hosts up)", netlens, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(excluded);
        }
    }

    [SkippableFact]
    public void Exclude_takes_cidr_blocks_as_nmap_does()
    {
        SkipWithoutNmap();

        var (netlens, nmap) = Both(["-sT", "-Pn", "-p", "22", "--exclude", "198.18.10.2/31,198.18.10.9", "-oG", "-", "198.18.10.1-4"]);

        Assert.Equal(string.Join("\n", HostLines(nmap)), string.Join("\n", HostLines(netlens)));
        Assert.Equal(["198.18.10.1", "198.18.10.4"], StatusHosts(netlens));
    }

    [SkippableFact]
    public void Max_retries_caps_the_syns_sent_to_a_silent_port_as_nmaps_does()
    {
        SkipWithoutNmap();
        string[] scan = ["-sS", "-Pn", "-p", ScanOptionsLab.DroppedPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "198.18.10.1"];

        var nmapNone = Syns(() => lab.Exec("nmap", ["-n", "--max-retries", "0", .. scan]));
        var none = Syns(() => NetLens(["--max-retries", "0", .. scan]));
        var one = Syns(() => NetLens(["--max-retries", "1", .. scan]));
        var byDefault = Syns(() => NetLens(scan));

        Assert.Equal(1, nmapNone);
        Assert.Equal(nmapNone, none);
        Assert.Equal(2, one);
        Assert.True(byDefault > one, $"netlens sent {byDefault} SYNs by default: the count does not show retries");
    }

    [SkippableTheory]
    [InlineData("-iL", "/nonexistent/targets.txt")]
    [InlineData("--excludefile", "/nonexistent/excluded.txt")]
    [InlineData("--max-retries", "-1")]
    [InlineData("--max-retries", "many")]
    [InlineData("--exclude", "198.18.10.0/40")]
    [InlineData("-oG", "/nonexistent/dir/out.gnmap")]
    public void Bad_values_exit_2_with_one_line(string option, string value)
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var run = NetLensRunner.Run("--netns", lab.Name, "scan", "-sT", "-p", "22", option, value, "198.18.10.1");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("netlens: error: ", run.Stderr, StringComparison.Ordinal);
        Assert.Single(run.Stderr.TrimEnd('\n').Split('\n'));
        Assert.Empty(run.Stdout);
    }

    [SkippableFact]
    public void Grepable_to_stdout_with_json_is_refused()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var run = NetLensRunner.Run("--netns", lab.Name, "scan", "--json", "-oG", "-", "198.18.10.1");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("netlens: error: --json and -oX -/-oN -/-oG -", run.Stderr, StringComparison.Ordinal);
    }

    private static void SkipWithoutNmap()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        Skip.If(Shell.Run("sh", ["-c", "command -v nmap"]).ExitCode != 0, "nmap is not installed (apt-get install -y nmap)");
    }

    private (string NetLens, string Nmap) Both(string[] arguments)
    {
        var nmap = lab.Exec("nmap", ["-n", .. arguments]);
        Assert.True(nmap.ExitCode == 0, nmap.Stderr);
        return (NetLens(arguments), nmap.Stdout);
    }

    private string NetLens(string[] arguments)
    {
        var run = NetLensRunner.Run(["--netns", lab.Name, "scan", .. arguments]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        return run.Stdout;
    }

    private long Syns(Action scan)
    {
        var before = lab.SynsToDroppedPort();
        scan();
        return lab.SynsToDroppedPort() - before;
    }

    private static List<string> HostLines(string grepable) => [.. grepable.Split('\n').Where(l => l.StartsWith("Host: ", StringComparison.Ordinal))];

    private static List<string> StatusHosts(string grepable) =>
        [.. HostLines(grepable).Where(l => l.EndsWith("\tStatus: Up", StringComparison.Ordinal)).Select(l => l.Split(' ')[1])];

    /// <summary>The lines both tools print alike: report headings, "Not shown" and the port table (timings differ).</summary>
    private static List<string> Significant(string normal) =>
        [.. normal.Split('\n').Where(l => l.StartsWith("netlens scan report", StringComparison.Ordinal) || l.StartsWith("Not shown", StringComparison.Ordinal) || l.StartsWith("PORT", StringComparison.Ordinal) || char.IsAsciiDigit(l.FirstOrDefault()))];

    private static List<string> XmlPorts(string xml) =>
        [.. XDocument.Parse(xml).Descendants("host").SelectMany(h => h.Descendants("port").Select(p =>
            $"{h.Element("address")!.Attribute("addr")!.Value}:{p.Attribute("portid")!.Value}/{p.Element("state")!.Attribute("state")!.Value}"))];

    private static string TempFile(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"netlens-scanopts-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, text);
        return path;
    }
}
