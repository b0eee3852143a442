namespace NetLens.Lab.Tests.Port;

/// <summary>
/// `port check`'s verdict against real traffic: each ruleset is loaded into a lab server by its backend's own loader,
/// `port check` evaluates it there, and `port test` really sends the packet from a client to a listener on the server.
/// Both must equal what the ruleset was written to do.
/// </summary>
public class CheckSuiteLabTests
{
    public static TheoryData<string> Cases => [.. CheckRulesets.All.Keys];

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public async Task Check_verdict_equals_real_traffic(string name)
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var suite = CheckRulesets.All[name];
        using var lab = new CheckLab(suite.Container);
        foreach (var (loader, text) in suite.Loads)
        {
            lab.Load(loader, text);
        }

        lab.Listen(suite.Container ? lab.Container! : lab.Server, suite.Container ? suite.ContainerPorts : suite.Probes.Select(p => p.Port));

        var outcomes = await Task.WhenAll(suite.Probes.Select(probe => Task.Run(() => Probe(lab, probe))));

        var wrong = outcomes.Where(o => o.Checked != o.Probe.Accepted || o.Sent != o.Probe.Accepted).ToList();
        Assert.True(wrong.Count == 0, string.Join("\n---\n", wrong.Select(o => $"{o.Probe}: check said {(o.Checked ? "accepted" : "not accepted")}, traffic said {(o.Sent ? "open" : "not open")}\n{o.Detail}")));
    }

    private static (CheckProbe Probe, bool Checked, bool Sent, string Detail) Probe(CheckLab lab, CheckProbe probe)
    {
        var (client, from, to, iif) = lab.Side(probe.Client, probe.Family);
        var check = NetLensRunner.Run("--netns", lab.Server.Name, "port", "check", $"{probe.Port}/{probe.Protocol}", "--from", from, "--to", to, "--iif", iif);
        Assert.True(check.ExitCode is 0 or 1, $"{probe}: port check exited {check.ExitCode}: {check.Stderr}");
        Assert.DoesNotContain("UNCERTAIN", check.Stdout, StringComparison.Ordinal);

        var target = probe.Family == 6 ? $"[{to}]:{probe.Port}/{probe.Protocol}" : $"{to}:{probe.Port}/{probe.Protocol}";
        var test = NetLensRunner.Run("--netns", client.Name, "port", "test", target, "--timeout", "3");
        Assert.True(test.ExitCode is 0 or 1, $"{probe}: port test exited {test.ExitCode}: {test.Stderr}");
        return (probe, check.ExitCode == 0, test.ExitCode == 0, check.Stdout + test.Stdout);
    }
}
