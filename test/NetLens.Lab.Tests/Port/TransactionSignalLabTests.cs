namespace NetLens.Lab.Tests.Port;

/// <summary>
/// SIGINT and SIGTERM in the middle of a change (sent by a wrapper around the second tool, so always mid-change) do not
/// cut it: every transaction goes in, the result is printed, and the exit code says the signal came (130, 143).
/// </summary>
public sealed class TransactionSignalLabTests
{
    [SkippableTheory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public void A_signal_mid_change_lets_the_change_complete_and_exits_with_its_code(string signal, int exitCode)
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        Skip.IfNot(TransactionLab.Available, "iptables-nft or nft is not installed");
        using var lab = new TransactionLab();
        var real = Shell.Check("sh", ["-c", "command -v ip6tables-nft-restore"]).Trim();
        var path = lab.FakeTool("ip6tables-nft-restore", $"#!/bin/sh\nkill -{signal} $PPID\nexec {real} \"$@\"\n");

        var run = lab.Run(new Dictionary<string, string> { ["PATH"] = path }, "open", "8472/udp");

        Assert.True(run.ExitCode == exitCode, $"exit {run.ExitCode}: {run.Stderr}");
        Assert.Contains("opened: 3 rules added in 3 transactions", run.Stdout, StringComparison.Ordinal);
        Assert.Equal((1, 1, 1), lab.Rules("netlens in udp 8472"));
        Assert.Empty(Directory.GetFiles(lab.StateDirectory, "*.journal"));
    }

    [SkippableFact]
    public void Two_identical_opens_at_once_add_one_set_of_rules()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        Skip.IfNot(TransactionLab.Available, "iptables-nft or nft is not installed");
        using var lab = new TransactionLab();

        using var first = lab.Start(null, "open", "8472/udp");
        using var second = lab.Start(null, "open", "8472/udp");
        var one = TransactionLab.Finish(first);
        var two = TransactionLab.Finish(second);

        Assert.True(one.ExitCode == 0, one.Stderr);
        Assert.True(two.ExitCode == 0, two.Stderr);
        Assert.Equal((1, 1, 1), lab.Rules("netlens in udp 8472"));
        Assert.Single(new[] { one.Stdout, two.Stdout }, o => o.Contains("already open: nothing changed", StringComparison.Ordinal));
    }
}
