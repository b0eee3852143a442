namespace NetLens.Lab.Tests.Port;

/// <summary>Issue 15 item 15: --dry-run tells the truth — a port another backend still drops is not "already open", and a bad services entry fails in the plan.</summary>
public sealed class TransactionPlanLabTests
{
    [SkippableFact]
    public void A_dry_run_with_one_backend_says_which_chain_still_drops_and_exits_1()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        Skip.IfNot(TransactionLab.Available, "iptables-nft or nft is not installed");
        using var lab = new TransactionLab();
        Assert.Equal(1, lab.Run(null, "open", "8472/tcp", "--backend", "iptables").ExitCode);
        var before = lab.Listing();

        var run = lab.Run(null, "open", "8472/tcp", "--backend", "iptables", "--dry-run");

        Assert.Equal(1, run.ExitCode);
        Assert.DoesNotContain("already open", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("not open: inet extra input (nftables) drops tcp 8472: the port would still not be open", run.Stdout, StringComparison.Ordinal);
        Assert.Equal("netlens: error: the port would still not be open: inet extra input (nftables) drops tcp 8472 (--backend left it out: run with --backend auto)\n", run.Stderr);
        Assert.Equal(before, lab.Listing());
    }

    [SkippableTheory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_services_entry_out_of_port_range_fails_the_plan_with_exit_2(bool dryRun)
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        Skip.IfNot(TransactionLab.Available, "iptables-nft or nft is not installed");
        using var lab = new TransactionLab();
        var services = Path.Combine(lab.StateDirectory, "services");
        File.WriteAllText(services, "big\t\t99999/tcp\n");
        var before = lab.Listing();

        var run = lab.Run(null, ["open", "big", "--services-file", services, .. dryRun ? new[] { "--dry-run" } : []]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"netlens: error: port SPEC big: {services} line 1 gives big the port 99999, which is not a port (1-65535); fix that line or give the port\n", run.Stderr);
        Assert.Equal(before, lab.Listing());
    }
}
