using System.Text.Json;
using System.Text.RegularExpressions;

namespace NetLens.Lab.Tests.Trace;

/// <summary>A hop answered by two routers (r1 splits packets between them at random): both listed, with their shares, as mtr lists them.</summary>
public partial class HostsLabTests(HostsEcmpLab lab) : IClassFixture<HostsEcmpLab>
{
    private static readonly string[] Rounds = ["-c", "100", "-i", "0", "--timeout", "1"];

    [GeneratedRegex(@"^ {8}(\S+) *$")]
    private static partial Regex FurtherHost();

    [SkippableFact]
    public void Json_lists_both_routers_of_the_split_hop_with_shares_near_the_split_and_one_host_elsewhere()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var run = NetLensRunner.Run(["--netns", lab.Source.Name, "--json", "trace", "-n", HostsEcmpLab.Target, .. Rounds]);

        Assert.True(run.ExitCode == 0, run.Stderr);
        var hops = JsonDocument.Parse(run.Stdout).RootElement.GetProperty("hops").EnumerateArray().ToList();
        Assert.Equal(3, hops.Count);
        Assert.Equal([HostsEcmpLab.Hop1], hops[0].GetProperty("hosts").EnumerateArray().Select(h => h.GetProperty("address").GetString()));
        Assert.Equal([HostsEcmpLab.Target], hops[2].GetProperty("hosts").EnumerateArray().Select(h => h.GetProperty("address").GetString()));
        var split = hops[1].GetProperty("hosts").EnumerateArray().ToDictionary(h => h.GetProperty("address").GetString()!, h => (Replies: h.GetProperty("replies").GetInt32(), Share: h.GetProperty("share_pct").GetDouble()));
        Assert.Equal([HostsEcmpLab.RouterA, HostsEcmpLab.RouterB], split.Keys.Order());

        // 100 probes split at p = 0.5: a share outside 20..80 % is a 6-sigma event, not chance.
        Assert.Equal(hops[1].GetProperty("received").GetInt32(), split.Values.Sum(h => h.Replies));
        Assert.All(split.Values, h => Assert.InRange(h.Share, 20, 80));
        Assert.All(hops, h => Assert.False(h.GetProperty("hosts")[0].TryGetProperty("name", out _), "-n must look up no names"));
    }

    [SkippableFact]
    public void The_report_with_n_puts_the_second_router_on_the_line_after_its_hop_exactly_where_mtr_n_puts_it()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var ours = NetLensRunner.Run(["--netns", lab.Source.Name, "trace", "--report", "-n", HostsEcmpLab.Target, .. Rounds]);
        var mtr = lab.Source.Exec("mtr", "-r", "-n", "-c", "30", "-i", "0.1", HostsEcmpLab.Target);

        Assert.True(ours.ExitCode == 0, ours.Stderr);
        Assert.True(mtr.ExitCode == 0, mtr.Stderr);
        var (ourLines, mtrLines) = (ours.Stdout.TrimEnd('\n').Split('\n'), mtr.Stdout.TrimEnd('\n').Split('\n'));

        // Same lines in the same places: Start, HOST, hop 1, hop 2, hop 2's second router, hop 3.
        Assert.Equal(mtrLines.Length, ourLines.Length);
        Assert.Equal(6, ourLines.Length);
        Assert.Equal(mtrLines[4].Length, ourLines[4].Length);
        var (ourSecond, mtrSecond) = (FurtherHost().Match(ourLines[4]), FurtherHost().Match(mtrLines[4]));
        Assert.True(ourSecond.Success, ourLines[4]);
        Assert.True(mtrSecond.Success, mtrLines[4]);
        string[] routers = [HostsEcmpLab.RouterA, HostsEcmpLab.RouterB];
        Assert.Equal(routers, new[] { ourLines[3][8..33].Trim(), ourSecond.Groups[1].Value }.Order());
        Assert.Equal(routers, new[] { mtrLines[3][8..33].Trim(), mtrSecond.Groups[1].Value }.Order());
        Assert.StartsWith($"  3.|-- {HostsEcmpLab.Target} ", ourLines[5], StringComparison.Ordinal);
    }
}
