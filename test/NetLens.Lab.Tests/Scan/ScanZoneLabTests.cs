using NetLens.Lab.Tests.Trace;

namespace NetLens.Lab.Tests.Scan;

/// <summary>
/// A link-local target's zone is the link the probes leave by, looked up in the scan's namespace: the router's fe80::2
/// answers on the link the zone names and nowhere else; an unknown zone is refused before anything is sent.
/// </summary>
public sealed class ScanZoneLabTests : IClassFixture<TraceChainLab>
{
    private readonly TraceChainLab _lab;

    public ScanZoneLabTests(TraceChainLab lab)
    {
        _lab = lab;
        if (LabPrivileges.IsRoot)
        {
            // the fixture is shared by this class's tests: the address is added once (ip says "exists" the second time)
            lab.Router(1).Ip("-6 addr replace fe80::2/64 dev left1 nodad");
        }
    }

    [SkippableFact]
    public void Discovery_of_a_link_local_address_with_its_zone_finds_it_up()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var run = NetLensRunner.Run("--netns", _lab.Source.Name, "scan", "-sn", "fe80::2%right1");

        Assert.True(run.ExitCode == 0, run.Stderr);
        // the zone is written as the kernel numbers the link (fe80::2%3), as the address's own text gives it
        Assert.Matches(@"netlens scan report for fe80::2%\d+\nHost is up", run.Stdout);
        Assert.Contains("(1 host up)", run.Stdout, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_connect_scan_through_the_zone_gets_the_routers_reset()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        // the zone by index: the same link as right1, as ip and the kernel number it in the source namespace
        var index = _lab.Source.Exec("cat", "/sys/class/net/right1/ifindex").Stdout.Trim();
        var run = NetLensRunner.Run("--netns", _lab.Source.Name, "scan", "-sT", "-Pn", "-p", "81", $"fe80::2%{index}");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Matches(@"(?m)^81/tcp\s+closed\s", run.Stdout);
    }

    [SkippableFact]
    public void The_same_address_on_another_link_is_not_found()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var run = NetLensRunner.Run("--netns", _lab.Source.Name, "scan", "-sn", "fe80::2%lo");

        Assert.DoesNotContain("Host is up", run.Stdout, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("fe80::2%nope")]
    [InlineData("fe80::2%")]
    [InlineData("fe80::2%999")]
    public void An_unknown_zone_is_refused_with_exit_2(string target)
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var run = NetLensRunner.Run("--netns", _lab.Source.Name, "scan", "-sn", target);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Single(run.Stderr.TrimEnd().Split('\n'));
    }
}
