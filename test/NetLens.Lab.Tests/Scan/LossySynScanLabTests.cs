using NetLens.Core.Scanning;

namespace NetLens.Lab.Tests.Scan;

/// <summary>Random loss on the path must cost retries, never accuracy: the SYN scan still gets every state right.</summary>
public class LossySynScanLabTests(LossySynScanLab lab) : IClassFixture<LossySynScanLab>
{
    private static readonly IReadOnlyList<int> DefaultPorts = PortRanking.BuiltIn.Top(1000);

    [SkippableFact]
    public void With_20_percent_loss_every_ipv4_port_of_the_default_list_still_has_its_true_state()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        SynJson.AssertSame(SynScanLab.Truth(DefaultPorts), Scan(SynScanLab.Target.ToString()));
    }

    [SkippableFact]
    public void With_20_percent_loss_every_ipv6_port_of_the_default_list_still_has_its_true_state()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        SynJson.AssertSame(SynScanLab.Truth(DefaultPorts), Scan(SynScanLab.Target6.ToString()));
    }

    private Dictionary<int, (string State, string Reason)> Scan(string target)
    {
        // discovery under loss is asked about in its own test; this one is about port states
        var run = NetLensRunner.Run("--netns", lab.Scanner, "scan", "-sS", "-Pn", target, "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        return SynJson.States(run.Stdout).States;
    }
}
