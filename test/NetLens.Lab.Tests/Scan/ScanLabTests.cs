using System.Text.Json;
using System.Xml.Linq;
using NetLens.Core.Scanning;

namespace NetLens.Lab.Tests.Scan;

/// <summary>netlens scan against the states the lab set up, and against nmap's connect scan of the same host.</summary>
public class ScanLabTests(ScanLab lab) : IClassFixture<ScanLab>
{
    [SkippableFact]
    public void Every_ipv4_port_has_the_state_and_reason_the_lab_set_up()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var found = JsonStates(ScanLab.Address.ToString());

        Assert.Equal(Expected(), found);
    }

    [SkippableFact]
    public void Every_ipv6_port_has_the_state_and_reason_the_lab_set_up()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var found = JsonStates(ScanLab.Address6.ToString());

        Assert.Equal(Expected(), found);
    }

    [SkippableFact]
    public void Normal_output_is_laid_out_like_nmaps()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var run = NetLensRunner.Run("--netns", lab.Name, "scan", "-sT", "-p", ScanLab.Ports, ScanLab.Address.ToString(), "--reason");

        Assert.Equal(0, run.ExitCode);
        var lines = run.Stdout.Split('\n');
        Assert.Equal("netlens scan report for 198.18.4.1", lines[0]);
        Assert.Matches(@"^Host is up, received syn-ack \(0\.\d+s latency\)\.$", lines[1]);
        Assert.Equal("Not shown: 1000 closed tcp ports (conn-refused), 32 filtered tcp ports (no-response)", lines[2]);
        Assert.Equal(
            [
                "PORT     STATE SERVICE  REASON",
                "22/tcp   open  ssh      syn-ack",
                "80/tcp   open  http     syn-ack",
                "8080/tcp open  http-alt syn-ack",
                "",
            ],
            lines[3..8]);
        Assert.Matches(@"^netlens done: 1 IP address \(1 host up\) scanned in \d+\.\d\d seconds$", lines[8]);
    }

    [SkippableFact]
    public void Nmap_connect_scan_of_the_same_host_sees_the_same_states()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        Skip.If(Shell.Run("sh", ["-c", "command -v nmap"]).ExitCode != 0, "nmap is not installed (apt-get install -y nmap)");

        var nmap = lab.Exec("nmap", "-sT", "-Pn", "-n", "--reason", "-p", ScanLab.Ports, "-oX", "-", ScanLab.Address.ToString());
        Assert.Equal(0, nmap.ExitCode);

        Assert.Equal(NmapStates(nmap.Stdout), JsonStates(ScanLab.Address.ToString()));
    }

    private static Dictionary<int, (string State, string Reason)> Expected() =>
        ScanLab.Truth().ToDictionary(t => t.Key, t => (t.Value.State.Word(), t.Value.Reason.Word()));

    private Dictionary<int, (string State, string Reason)> JsonStates(string target)
    {
        var run = NetLensRunner.Run("--netns", lab.Name, "scan", "-sT", "-p", ScanLab.Ports, target, "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var document = JsonDocument.Parse(run.Stdout);
        var host = Assert.Single(document.RootElement.GetProperty("hosts").EnumerateArray());
        Assert.Equal("up", host.GetProperty("status").GetString());
        return host.GetProperty("ports").EnumerateArray().ToDictionary(
            p => p.GetProperty("port").GetInt32(),
            p => (p.GetProperty("state").GetString()!, p.GetProperty("reason").GetString()!));
    }

    /// <summary>nmap's XML lists shown ports one by one and the ignored ones as ranges under extraports/extrareasons.</summary>
    private static Dictionary<int, (string State, string Reason)> NmapStates(string xml)
    {
        var ports = XDocument.Parse(xml).Descendants("ports").Single();
        var states = ports.Elements("port").ToDictionary(
            p => int.Parse(p.Attribute("portid")!.Value, System.Globalization.CultureInfo.InvariantCulture),
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
