using System.Text.Json;
using NetLens.Core.Scanning;

namespace NetLens.Lab.Tests.Scan;

/// <summary>Random loss must cost retries, never accuracy: every state still equals the truth.</summary>
public class LossyScanLabTests(LossyScanLab lab) : IClassFixture<LossyScanLab>
{
    [SkippableFact]
    public void With_20_percent_loss_every_ipv4_port_still_has_its_true_state()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        Assert.Equal(Expected(), States(ScanLab.Address.ToString()));
    }

    [SkippableFact]
    public void With_20_percent_loss_every_ipv6_port_still_has_its_true_state()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        Assert.Equal(Expected(), States(ScanLab.Address6.ToString()));
    }

    private static Dictionary<int, (string State, string Reason)> Expected() =>
        ScanLab.Truth().ToDictionary(t => t.Key, t => (t.Value.State.Word(), t.Value.Reason.Word()));

    private Dictionary<int, (string State, string Reason)> States(string target)
    {
        // -Pn: discovery under loss is its own question; this one is about port states
        var run = NetLensRunner.Run("--netns", lab.Name, "scan", "-sT", "-Pn", "-p", ScanLab.Ports, target, "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var document = JsonDocument.Parse(run.Stdout);
        var host = Assert.Single(document.RootElement.GetProperty("hosts").EnumerateArray());
        return host.GetProperty("ports").EnumerateArray().ToDictionary(
            p => p.GetProperty("port").GetInt32(),
            p => (p.GetProperty("state").GetString()!, p.GetProperty("reason").GetString()!));
    }
}
