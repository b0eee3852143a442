using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using NetLens.Core.Scanning;

namespace NetLens.Lab.Tests.Scan;

/// <summary>netlens's SYN scan (as root) against the states the lab set up, and against nmap -sS of the same host.</summary>
public class SynScanLabTests(SynScanLab lab) : IClassFixture<SynScanLab>
{
    private static readonly IReadOnlyList<int> DefaultPorts = PortRanking.BuiltIn.Top(1000);

    [SkippableFact]
    public void The_default_scan_is_a_syn_scan_and_every_ipv4_port_has_its_true_state()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var (mechanism, states) = Scan(SynScanLab.Target.ToString());

        Assert.Equal("raw_socket", mechanism);
        SynJson.AssertSame(SynScanLab.Truth(DefaultPorts), states);
    }

    [SkippableFact]
    public void Every_ipv6_port_of_the_default_list_has_its_true_state()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var (_, states) = Scan(SynScanLab.Target6.ToString(), "-sS");

        SynJson.AssertSame(SynScanLab.Truth(DefaultPorts), states);
    }

    [SkippableFact]
    public void All_65535_ipv4_ports_have_their_true_state()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var (_, states) = Scan(SynScanLab.Target.ToString(), "-p-");

        SynJson.AssertSame(SynScanLab.Truth(Enumerable.Range(1, 65535)), states);
    }

    [SkippableFact]
    public void All_65535_ipv6_ports_have_their_true_state()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var (_, states) = Scan(SynScanLab.Target6.ToString(), "-p-");

        SynJson.AssertSame(SynScanLab.Truth(Enumerable.Range(1, 65535)), states);
    }

    [SkippableFact]
    public void Nmap_syn_scan_of_the_same_ports_sees_the_same_states_and_reasons()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        Skip.If(Shell.Run("sh", ["-c", "command -v nmap"]).ExitCode != 0, "nmap is not installed (apt-get install -y nmap)");

        var list = string.Join(',', DefaultPorts);
        var nmap = lab.ExecInScanner("nmap", "-sS", "-n", "--reason", "-p", list, "-oX", "-", SynScanLab.Target.ToString());
        Assert.True(nmap.ExitCode == 0, nmap.Stderr);

        SynJson.AssertSame(NmapStates(nmap.Stdout), Scan(SynScanLab.Target.ToString(), "-sS").States);
    }

    [SkippableFact]
    public void Normal_output_says_what_proved_the_host_up_and_sums_up_the_filtered_ports()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var run = NetLensRunner.Run("--netns", lab.Scanner, "scan", "-p", "1-1000", SynScanLab.Target.ToString(), "--reason");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var lines = run.Stdout.Split('\n');
        Assert.Equal("netlens scan report for 198.18.7.2", lines[0]);
        Assert.Matches(@"^Host is up, received (echo-reply|timestamp-reply|reset|syn-ack) ttl 64 \(0\.\d+s latency\)\.$", lines[1]);
        Assert.Equal("Not shown: 996 filtered tcp ports (no-response)", lines[2]);
        Assert.Equal(
            [
                "PORT    STATE  SERVICE REASON",
                "22/tcp  open   ssh     syn-ack ttl 64",
                "80/tcp  open   http    syn-ack ttl 64",
                "113/tcp closed auth    reset ttl 64",
                "443/tcp closed https   reset ttl 64",
                "",
            ],
            lines[3..9]);
    }

    private (string Mechanism, Dictionary<int, (string State, string Reason)> States) Scan(string target, params string[] extra)
    {
        var run = NetLensRunner.Run(["--netns", lab.Scanner, "scan", target, "--json", .. extra]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        return SynJson.States(run.Stdout);
    }

    /// <summary>nmap's XML lists shown ports one by one and the ignored ones as ranges under extraports/extrareasons.</summary>
    private static Dictionary<int, (string State, string Reason)> NmapStates(string xml)
    {
        var ports = XDocument.Parse(xml).Descendants("ports").Single();
        var states = ports.Elements("port").ToDictionary(
            p => int.Parse(p.Attribute("portid")!.Value, CultureInfo.InvariantCulture),
            p => (p.Element("state")!.Attribute("state")!.Value, p.Element("state")!.Attribute("reason")!.Value));
        foreach (var ignored in ports.Elements("extraports"))
        {
            foreach (var reason in ignored.Elements("extrareasons"))
            {
                foreach (var port in PortSpecParser.Parse(reason.Attribute("ports")!.Value))
                {
                    states[port] = (ignored.Attribute("state")!.Value, reason.Attribute("reason")!.Value);
                }
            }
        }

        return states;
    }
}

/// <summary>Reads netlens scan --json for one host: the mechanism and every port's state and reason.</summary>
internal static class SynJson
{
    public static (string Mechanism, Dictionary<int, (string State, string Reason)> States) States(string json)
    {
        using var document = JsonDocument.Parse(json);
        var host = Assert.Single(document.RootElement.GetProperty("hosts").EnumerateArray());
        Assert.Equal("up", host.GetProperty("status").GetString());
        var states = host.GetProperty("ports").EnumerateArray().ToDictionary(
            p => p.GetProperty("port").GetInt32(),
            p => (p.GetProperty("state").GetString()!, p.GetProperty("reason").GetString()!));
        return (Assert.Single(document.RootElement.GetProperty("mechanisms").EnumerateArray()).GetString()!, states);
    }

    /// <summary>Equal port sets and states; on failure the message lists the ports that differ, not the first few of 65535.</summary>
    public static void AssertSame(Dictionary<int, (string State, string Reason)> expected, Dictionary<int, (string State, string Reason)> actual)
    {
        var differing = expected.Keys.Union(actual.Keys)
            .Where(port => !expected.TryGetValue(port, out var e) || !actual.TryGetValue(port, out var a) || e != a)
            .Select(port => $"{port}: expected {expected.GetValueOrDefault(port)}, got {actual.GetValueOrDefault(port)}")
            .ToList();
        Assert.True(differing.Count == 0, $"{differing.Count} ports differ: {string.Join("; ", differing.Take(20))}");
    }
}
