using System.Globalization;

namespace NetLens.Lab.Tests.Port;

/// <summary>
/// Issue 15 item 2: a `port open` killed with SIGKILL between its transactions (iptables v4, v6, nft) leaves a
/// journal; the next change in that namespace rolls it back, says so in one line, and the ruleset lists exactly as
/// before — never half-changed.
/// </summary>
public sealed class TransactionKillLabTests
{
    private const int Killed = 137;

    [SkippableTheory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_change_killed_after_a_batch_is_rolled_back_by_the_next_run(int batches)
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        Skip.IfNot(TransactionLab.Available, "iptables-nft or nft is not installed");
        using var lab = new TransactionLab();
        var before = lab.Listing();

        var killed = lab.Run(new Dictionary<string, string> { ["NETLENS_FAULT"] = $"kill-after-batch:{batches}" }, "open", "8472/udp");

        Assert.True(killed.ExitCode == Killed, $"exit {killed.ExitCode}: {killed.Stderr}");
        Assert.NotEqual(before, lab.Listing());

        // any later change in the namespace finds the journal; closing a port never opened changes nothing of its own
        var next = lab.Run(null, "close", "9/udp");

        Assert.True(next.ExitCode == 0, next.Stderr);
        Assert.Matches(@"^netlens: warning: an interrupted port open 8472/udp \(pid \d+\) was rolled back \(.+ restored as they were before it\)\n", next.Stderr);
        Assert.Equal(before, lab.Listing());
        Assert.Empty(Directory.GetFiles(lab.StateDirectory, "*.journal"));
    }

    [SkippableFact]
    public void A_1000_port_open_killed_at_any_moment_leaves_the_ruleset_before_or_after_never_between()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        Skip.IfNot(TransactionLab.Available, "iptables-nft or nft is not installed");
        using var lab = new TransactionLab();
        var spec = string.Join(',', Enumerable.Range(0, 1000).Select(i => (20000 + (2 * i)).ToString(CultureInfo.InvariantCulture))) + "/tcp";
        var before = lab.Listing();
        var timed = System.Diagnostics.Stopwatch.StartNew();
        var clean = lab.Run(null, "open", spec);
        var whole = timed.Elapsed;
        Assert.True(clean.ExitCode == 0, clean.Stderr);
        var after = lab.Listing();
        Assert.True(lab.Run(null, "close", spec).ExitCode == 0);
        Assert.Equal(before, lab.Listing());

        var outcomes = new List<string>();
        for (var round = 0; round < 8; round++)
        {
            using var open = lab.Start(null, "open", spec);
            var delay = TimeSpan.FromMilliseconds(Random.Shared.Next((int)whole.TotalMilliseconds + 1));
            open.WaitForExit(delay);
            if (!open.HasExited)
            {
                open.Kill();
            }

            var ended = TransactionLab.Finish(open);
            var recovery = lab.Run(null, "close", "9/udp");
            Assert.True(recovery.ExitCode == 0, recovery.Stderr);
            var state = lab.Listing();
            Assert.True(state == before || state == after, $"round {round}: killed after {delay.TotalMilliseconds:0} ms (exit {ended.ExitCode}) and rolled back to neither before nor after: {recovery.Stderr}");
            outcomes.Add(state == before ? "before" : "after");

            var reset = lab.Run(null, "close", spec);
            Assert.True(reset.ExitCode == 0, reset.Stderr);
            Assert.Equal(before, lab.Listing());
        }

        Assert.NotEmpty(outcomes);
    }
}
