namespace NetLens.Lab.Tests.Routing;

/// <summary>A link-local address's zone picks the link, as `ip route get ADDR oif DEV` does; an unknown zone is refused.</summary>
public class RouteGetZoneLabTests(RoutingLab lab) : IClassFixture<RoutingLab>
{
    [SkippableTheory]
    [InlineData("lab0")]
    [InlineData("lab1")]
    public void A_zone_is_the_output_interface(string device)
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var expected = lab.Ns.Ip($"route get fe80::1 oif {device}").Split('\n')[0].TrimEnd();
        Assert.Contains($"dev {device}", expected, StringComparison.Ordinal);

        var run = NetLensRunner.Run("--netns", lab.Ns.Name, "route", "get", $"fe80::1%{device}");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(expected, run.Stdout.Split('\n')[0]);
    }

    [SkippableFact]
    public void A_zone_by_index_names_the_same_link()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var index = lab.Ns.Ip("-o link show lab1").Split(':')[0].Trim();

        var run = NetLensRunner.Run("--netns", lab.Ns.Name, "route", "get", $"fe80::1%{index}");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("dev lab1", run.Stdout.Split('\n')[0], StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("fe80::1%nope")]
    [InlineData("fe80::1%")]
    [InlineData("fe80::1%999999")]
    public void An_unknown_zone_is_refused_with_exit_2(string address)
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var run = NetLensRunner.Run("--netns", lab.Ns.Name, "route", "get", address);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.StartsWith("netlens: error: ", run.Stderr, StringComparison.Ordinal);
        Assert.Single(run.Stderr.TrimEnd().Split('\n'));
    }

    [SkippableFact]
    public void A_zone_and_another_oif_contradict()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var run = NetLensRunner.Run("--netns", lab.Ns.Name, "route", "get", "fe80::1%lab0", "--oif", "lab1");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("lab0", run.Stderr, StringComparison.Ordinal);
    }
}
